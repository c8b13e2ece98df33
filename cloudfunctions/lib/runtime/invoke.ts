import { randomUUID } from 'node:crypto'
import * as z from 'zod'
import type { ContentChecker, ContentVerdict } from '../content'
import type { Database } from '../db/types'
import { FunctionStoppedError } from '../db/instrument'
import type { CommunityDoc } from '../users/model'
import type { AnyAction, FunctionDef } from './action'
import { loadCaller, rolesIn } from './caller'
import type { ApiResponse } from './envelope'
import { AppError, toErrorBody } from './errors'
import type { Logger } from './logger'
import { validationError } from './validation'

/** What a platform adapter (CloudBase or the local server) hands the runtime. */
export interface Platform {
  db: Database
  /** From the platform only (WX_OPENID, or the local dev session); never from the request. */
  openid: string | null
  log: Logger
  now?: () => Date
  /** See ActionContext.signingKey; null when the deployment has not configured one. */
  signingKey: string | null
  /** WeChat msgSecCheck in production, a word list locally (lib/content). */
  contentCheck: ContentChecker
}

const envelopeSchema = z
  .object({
    action: z.string().min(1).max(64),
    data: z.record(z.string(), z.unknown()).optional(),
    requestId: z.string().min(1).max(128).optional(),
  })
  .strict()

/**
 * Runs one request through the fixed order every action shares:
 * envelope → action → identity → input → caller → role in community → handler.
 * Each step fails with its own code before anything is written.
 */
export async function invoke(fn: FunctionDef<Record<string, AnyAction>>, event: unknown, platform: Platform): Promise<ApiResponse<unknown>> {
  const started = Date.now()
  const envelope = envelopeSchema.safeParse(event)
  const requestId = envelope.success && envelope.data.requestId ? envelope.data.requestId : randomUUID()
  const actionName = envelope.success ? envelope.data.action : undefined
  try {
    if (!envelope.success) throw validationError(envelope.error, '请求格式不正确')
    const action = Object.hasOwn(fn.actions, envelope.data.action) ? fn.actions[envelope.data.action] : undefined
    if (!action) throw new AppError('UNKNOWN_ACTION', `不支持的操作：${envelope.data.action}`)
    if (action.access !== 'anyone' && !platform.openid) throw new AppError('UNAUTHENTICATED')

    const parsed = action.input.safeParse(envelope.data.data ?? {})
    if (!parsed.success) throw validationError(parsed.error)
    const input = parsed.data
    const { caller, community, roles, target } = await guard(action, input, platform.openid, platform.db)
    const now = platform.now ?? (() => new Date())
    const signingKey = () => {
      if (!platform.signingKey) throw new Error('No signing key: set TONGXIN_SIGNING_KEY for this function')
      return platform.signingKey
    }
    const checkContent = async (texts: string[]): Promise<ContentVerdict> => {
      if (!texts.some((text) => text.trim())) return 'pass'
      let acceptable: boolean
      try {
        acceptable = await platform.contentCheck(texts, caller.openid)
      } catch (error) {
        // The checker is outside our code: its outage is watched (a warning), not a bug, and the caller holds the text for staff.
        platform.log.warn('content check unreachable', {
          fn: fn.name,
          action: actionName,
          requestId,
          error: error instanceof Error ? error.message : String(error),
        })
        return 'unchecked'
      }
      if (!acceptable) throw new AppError('CONTENT_REJECTED')
      return 'pass'
    }
    const data = await action.handler(input, { db: platform.db, caller, community, roles, target, requestId, now, log: platform.log, signingKey, checkContent })
    platform.log.info('call', { fn: fn.name, action: actionName, requestId, ok: true, ms: Date.now() - started })
    // Callers only ever see JSON; normalising here makes in-process callers see the same.
    return { ok: true, data: data === undefined ? null : JSON.parse(JSON.stringify(data)) }
  } catch (error) {
    const body = toErrorBody(error)
    // Stopped at its timeout: the caller was answered TIMEOUT and the timeout was logged already.
    if (error instanceof FunctionStoppedError) return { ok: false, error: body }
    if (body.code === 'INTERNAL') {
      platform.log.error('bug', {
        fn: fn.name,
        action: actionName,
        requestId,
        error: error instanceof Error ? { message: error.message, code: (error as { code?: unknown }).code, stack: error.stack } : String(error),
      })
    } else {
      platform.log.info('call', { fn: fn.name, action: actionName, requestId, ok: false, code: body.code, ms: Date.now() - started })
    }
    return { ok: false, error: body }
  }
}

/**
 * Who calls and in which community, in as few round trips as the data allow:
 * the caller (user → grants), the record that names the community (when the
 * action has a resolver) and the community itself are read concurrently, so
 * the guard costs two waves (three for a liaison), not four. The checks are
 * then made in the fixed order the API promises, whichever read answered first.
 */
async function guard(action: AnyAction, input: unknown, openid: string | null, db: Database) {
  const needsRole = Array.isArray(action.access)
  const callerRead = loadCaller(db, openid)
  const resolverRead: Promise<{ communityId: string | null; target: unknown }> = action.community
    ? Promise.resolve()
        .then(() => action.community!(input, { db }))
        .then((answer) => (typeof answer === 'object' && answer !== null ? { communityId: answer.communityId ?? null, target: answer.target } : { communityId: answer ?? null, target: undefined }))
    : Promise.resolve({ communityId: readCommunityId(input) ?? null, target: undefined })
  const communityIdRead = action.community || readCommunityId(input)
    ? resolverRead.then(({ communityId }) => communityId)
    : callerRead.then((caller) => caller.user?.communityId ?? null)
  const communityRead = communityIdRead.then(async (communityId) =>
    communityId ? ((await db.collection<CommunityDoc>('communities').doc(communityId).get()).data[0] ?? null) : null,
  )
  // Whichever check fails first answers; the other reads are abandoned, and must not surface as unhandled.
  for (const read of [resolverRead, communityIdRead, communityRead]) read.catch(() => undefined)

  const caller = await callerRead
  if (needsRole && !caller.user) throw new AppError('NOT_REGISTERED')
  const { target } = await resolverRead
  const communityId = await communityIdRead
  const community = await communityRead
  if (communityId && !community) throw new AppError('NOT_FOUND', '社区不存在')
  const scopeId = community && action.scope ? (action.scope(input, target) ?? null) : null
  const roles = community ? rolesIn(caller, community, scopeId) : new Set<never>()
  if (needsRole) {
    const allowed = action.access as readonly string[]
    if (!community || !allowed.some((role) => roles.has(role as never))) throw new AppError('FORBIDDEN')
  }
  return { caller, community, roles, target }
}

function readCommunityId(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined
  const value = (input as { communityId?: unknown }).communityId
  return typeof value === 'string' ? value : undefined
}
