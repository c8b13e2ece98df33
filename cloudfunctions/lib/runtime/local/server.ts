import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import { createHash } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import * as z from 'zod'
import { functions } from '../../../registry'
import { localContentChecker } from '../../content'
import { demoIdentities } from '../../demo/identities'
import { seedDemo } from '../../demo/seed'
import { openLocalDatabase, type LocalDatabase } from '../../db/local'
import { instrumentDatabase, latencyFromEnv } from '../../db/instrument'
import { functionTimeoutFromEnv, withinTimeout } from '../limits'
import { httpStatusOf, type ErrorBody } from '../errors'
import { invoke } from '../invoke'
import { runTick } from '../timers'
import { consoleLogger, silentLogger, type Logger } from '../logger'
import { loadSecret, loadSessionKeys, type SessionKeys } from './session'

export interface LocalServerOptions {
  dataDir: string
  port: number
  host?: string
  /** The built H5 app to serve at `/`; omitted in API-only tests. */
  h5Dir?: string
  /** Seed the demo data when the database is new. */
  seed?: boolean
  quiet?: boolean
  /** Where log lines go (tests read them); default the console, or nowhere when quiet. */
  log?: Logger
  /** Round-trip time of every database call (default TONGXIN_DB_LATENCY_MS, else 0): production's latency, locally. */
  latencyMs?: number
  /** A request's time limit (default TONGXIN_FUNCTION_TIMEOUT_MS, else the deployed timeout): past it, TIMEOUT. */
  functionTimeoutMs?: number
  /** Run every function's timers once a minute, as CloudBase's timer triggers would (npm start). */
  runTimers?: boolean
}

export interface LocalServer {
  app: FastifyInstance
  db: LocalDatabase
  sessions: SessionKeys
  url: string
  close(): Promise<void>
}

const loginBody = z.object({ openid: z.string().trim().min(1).max(128) }).strict()

/**
 * The whole back end on one machine: every function at `POST /api/<name>`,
 * run by the same `invoke` CloudBase runs, over the local SQLite engine.
 */
export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  mkdirSync(options.dataDir, { recursive: true })
  const db = openLocalDatabase({ file: join(options.dataDir, 'tongxin.db') })
  if (options.seed) await seedDemo(db)
  const sessions = loadSessionKeys(options.dataDir)
  const signingKey = process.env.TONGXIN_SIGNING_KEY || loadSecret(options.dataDir, 'signing')
  const contentCheck = localContentChecker(options.dataDir)
  const log: Logger = options.log ?? (options.quiet ? silentLogger : consoleLogger)
  const devLoginAllowed = process.env.NODE_ENV !== 'production'
  const latencyMs = options.latencyMs ?? latencyFromEnv(process.env)
  const functionTimeoutMs = options.functionTimeoutMs ?? functionTimeoutFromEnv(process.env)

  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 })
  const errorReply = (code: ErrorBody['code'], message: string) => ({ ok: false as const, error: { code, message } })

  // Malformed JSON and other transport faults still answer in the envelope, never with a stack.
  app.setErrorHandler(async (error: { statusCode?: number; code?: string; message?: string }, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      // fastify refuses before reading the body and closes the connection after
      // answering: a client still sending, or one about to reuse the pooled
      // connection, then gets a reset instead of the answer. Read the rest first
      // (bounded) and keep the connection open, so the 413 always arrives whole.
      if (await drain(request.raw)) reply.removeHeader('connection')
      const message = request.url.startsWith('/api/_upload') ? '图片太大，请选择 5 MB 以内的图片' : '提交的内容太大（上限 1 MB），请删减后再试'
      return reply.status(httpStatusOf('PAYLOAD_TOO_LARGE')).send(errorReply('PAYLOAD_TOO_LARGE', message))
    }
    if (error.statusCode && error.statusCode < 500) {
      void reply.status(400).send(errorReply('VALIDATION_FAILED', '请求格式不正确'))
      return
    }
    log.error('transport', { message: error.message })
    void reply.status(500).send(errorReply('INTERNAL', '服务器开小差了，请稍后再试'))
  })

  // Every /api/ path answers in the envelope, whatever the method: a known path
  // with the wrong method is 405 (with Allow), anything else 404. Other paths
  // (the H5 app's files) keep a plain 404.
  const apiMethods = new Map<string, string>([
    ['_health', 'GET, HEAD'],
    ['_dev/identities', 'GET, HEAD'],
    ['_dev/login', 'POST'],
    ['_upload', 'POST'],
    ...Object.keys(functions).map((name): [string, string] => [name, 'POST']),
  ])
  const noSuchApi = (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0]
    const allowed = apiMethods.get(path.slice('/api/'.length).replace(/\/+$/, ''))
    if (allowed) {
      return reply
        .status(httpStatusOf('METHOD_NOT_ALLOWED'))
        .header('allow', allowed)
        .send(errorReply('METHOD_NOT_ALLOWED', `请求方式不正确：${request.method} 不被支持，请用 ${allowed.split(',')[0]}`))
    }
    return reply.status(404).send(errorReply('UNKNOWN_ACTION', '没有这个接口'))
  }
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0]
    if (path !== '/api' && !path.startsWith('/api/')) return reply.status(404).type('text/plain; charset=utf-8').send('Not Found')
    return noSuchApi(request, reply)
  })

  app.get('/api/_health', async () => ({ ok: true, data: { status: 'up' } }))

  app.get('/api/_dev/identities', async (_request, reply) => {
    if (!devLoginAllowed) return reply.status(403).send(errorReply('FORBIDDEN', '生产环境不提供演示身份'))
    return { ok: true, data: { identities: demoIdentities } }
  })

  app.post('/api/_dev/login', async (request, reply) => {
    if (!devLoginAllowed) return reply.status(403).send(errorReply('FORBIDDEN', '生产环境不提供演示登录'))
    const body = loginBody.safeParse(request.body)
    if (!body.success) return reply.status(400).send(errorReply('VALIDATION_FAILED', '请提供 openid'))
    return { ok: true, data: { token: sessions.issue(body.data.openid) } }
  })

  // Photos: in the mini-program they go to CloudBase storage (cloud:// file ids);
  // locally the raw image bytes are posted here and served from DATA_DIR/uploads.
  const uploadsDir = join(options.dataDir, 'uploads')
  mkdirSync(uploadsDir, { recursive: true })
  app.addContentTypeParser(['image/jpeg', 'image/png', 'image/webp', 'image/gif'], { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_request, body, done) =>
    done(null, body),
  )
  app.post('/api/_upload', async (request, reply) => {
    if (!bearerOpenid(request.headers.authorization, sessions)) return reply.status(401).send(errorReply('UNAUTHENTICATED', '请先登录'))
    const body = request.body
    const extension = Buffer.isBuffer(body) ? imageExtension(body) : null
    if (!Buffer.isBuffer(body) || !extension) return reply.status(400).send(errorReply('VALIDATION_FAILED', '只能上传 JPG、PNG、WebP 或 GIF 图片'))
    const name = `${createHash('sha256').update(body).digest('hex').slice(0, 32)}.${extension}`
    writeFileSync(join(uploadsDir, name), body)
    return { ok: true, data: { fileId: `${UPLOADS_PREFIX}${name}` } }
  })
  await app.register(fastifyStatic, { root: uploadsDir, prefix: UPLOADS_PREFIX, decorateReply: false })

  app.post<{ Params: { fn: string } }>('/api/:fn', async (request, reply) => {
    const fn = Object.hasOwn(functions, request.params.fn) ? functions[request.params.fn] : undefined
    if (!fn && apiMethods.has(request.params.fn)) return noSuchApi(request, reply)
    if (!fn) return reply.status(404).send(errorReply('UNKNOWN_ACTION', `没有这个服务：${request.params.fn}`))
    const openid = bearerOpenid(request.headers.authorization, sessions)
    const response = await withinTimeout(
      functionTimeoutMs,
      // Each request sees the database as a function in CloudBase does: every call a round trip, nothing after its timeout.
      (signal) => invoke(fn, request.body ?? {}, { db: instrumentDatabase(db, { latencyMs, signal }), openid, log, signingKey, contentCheck }),
      (ms) => log.error('bug', { fn: fn.name, action: actionOf(request.body), error: { message: `TIMEOUT: the request ran past the function's ${ms} ms` } }),
    )
    return reply.status(response.ok ? 200 : httpStatusOf(response.error.code)).send(response)
  })

  if (options.h5Dir && existsSync(join(options.h5Dir, 'index.html'))) {
    await app.register(fastifyStatic, { root: resolve(options.h5Dir), prefix: '/' })
  }

  let timerLoop: NodeJS.Timeout | null = null
  if (options.runTimers) {
    const tick = async () => {
      // The same path as CloudBase's trigger: one tick per function, its jobs by cadence.
      for (const fn of Object.values(functions)) if (fn.timer) await runTick(fn, { db, log })
    }
    timerLoop = setInterval(() => void tick(), TIMER_PERIOD_MS)
    timerLoop.unref()
  }

  const host = options.host ?? '127.0.0.1'
  await app.listen({ port: options.port, host })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  return {
    app,
    db,
    sessions,
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
    async close() {
      if (timerLoop) clearInterval(timerLoop)
      await app.close()
      db.close()
    },
  }
}

const TIMER_PERIOD_MS = 60_000

/** The action a request names, for the log line of a timeout. */
function actionOf(body: unknown): string | undefined {
  const action = typeof body === 'object' && body !== null ? (body as { action?: unknown }).action : undefined
  return typeof action === 'string' ? action.slice(0, 64) : undefined
}

/** Where local uploads are served; a photo field holds `cloud://…` in production or this prefix locally. */
export const UPLOADS_PREFIX = '/uploads/'
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024

/** How much of an oversized body is read and dropped so its answer arrives; past this the connection is simply closed. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024
const MAX_DRAIN_MS = 10_000

/** Reads what is left of a request body and drops it, up to a bound; true when the whole body was read. */
function drain(request: IncomingMessage): Promise<boolean> {
  if (request.destroyed) return Promise.resolve(false)
  if (request.complete || request.readableEnded) return Promise.resolve(true)
  return new Promise((resolve) => {
    let seen = 0
    const finish = () => {
      clearTimeout(timer)
      request.off('data', onData).off('end', finish).off('close', finish).off('error', finish)
      resolve(request.complete)
    }
    const onData = (chunk: Buffer) => {
      seen += chunk.length
      if (seen > MAX_DRAIN_BYTES) finish()
    }
    const timer = setTimeout(finish, MAX_DRAIN_MS)
    request.on('data', onData).once('end', finish).once('close', finish).once('error', finish)
    request.resume()
  })
}

/** The file's own first bytes decide its type, not the header the client sent. */
function imageExtension(bytes: Buffer): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg'
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png'
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp'
  if (bytes.length >= 6 && ['GIF87a', 'GIF89a'].includes(bytes.subarray(0, 6).toString('latin1'))) return 'gif'
  return null
}

function bearerOpenid(header: string | undefined, sessions: SessionKeys): string | null {
  const match = /^Bearer (.+)$/.exec(header ?? '')
  return match ? sessions.verify(match[1]) : null
}
