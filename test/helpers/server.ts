import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ApiResponse } from '../../cloudfunctions/lib/runtime/envelope'
import { startLocalServer, type LocalServer } from '../../cloudfunctions/lib/runtime/local/server'
import type { Logger } from '../../cloudfunctions/lib/runtime/logger'

export interface TestServer extends LocalServer {
  dataDir: string
  /** Logs in as a demo (or any) openid and returns a client bound to it. */
  as(openid: string): Promise<Client>
  /** A client with no identity at all. */
  anonymous: Client
  stop(): Promise<void>
}

export interface Client {
  token: string | null
  call<T = unknown>(fn: string, action: string, data?: unknown, extra?: Record<string, unknown>): Promise<ApiResponse<T>>
  /** Calls and returns `data`, failing the test with the error body otherwise. */
  ok<T = any>(fn: string, action: string, data?: unknown): Promise<T>
  raw(fn: string, body: string | undefined, headers?: Record<string, string>): Promise<{ status: number; body: any }>
}

/** A real local server on a random port over a fresh temp DATA_DIR, seeded with the demo data. */
export async function startTestServer(
  options: { dataDir?: string; seed?: boolean; h5Dir?: string; latencyMs?: number; functionTimeoutMs?: number; log?: Logger } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tongxin-test-'))
  const server = await startLocalServer({
    dataDir,
    port: 0,
    seed: options.seed ?? true,
    quiet: true,
    log: options.log,
    h5Dir: options.h5Dir,
    latencyMs: options.latencyMs,
    functionTimeoutMs: options.functionTimeoutMs,
  })
  const clientFor = (token: string | null): Client => {
    const headers = (): Record<string, string> => ({
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    })
    const client: Client = {
      token,
      async call(fn, action, data, extra) {
        const response = await fetch(`${server.url}/api/${fn}`, {
          method: 'POST',
          headers: headers(),
          body: JSON.stringify({ action, data, ...extra }),
        })
        return (await response.json()) as ApiResponse<never>
      },
      async ok(fn, action, data) {
        const response = await client.call(fn, action, data)
        if (!response.ok) throw new Error(`${fn}.${action} failed: ${JSON.stringify(response.error)}`)
        return response.data as never
      },
      async raw(fn, body, extraHeaders) {
        const response = await fetch(`${server.url}/api/${fn}`, { method: 'POST', headers: { ...headers(), ...extraHeaders }, body })
        return { status: response.status, body: await response.json() }
      },
    }
    return client
  }
  return {
    ...server,
    dataDir,
    anonymous: clientFor(null),
    async as(openid) {
      const response = await fetch(`${server.url}/api/_dev/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ openid }),
      })
      const body = (await response.json()) as ApiResponse<{ token: string }>
      if (!body.ok) throw new Error(`login failed: ${JSON.stringify(body)}`)
      return clientFor(body.data.token)
    },
    async stop() {
      await server.close()
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Counts documents straight from the engine, to prove a rejected call changed nothing. */
export async function countAll(server: LocalServer, collections: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const name of collections) counts[name] = (await server.db.collection(name).count()).total
  return counts
}

/** Every document of a collection straight from the engine, for figures counted independently of the services' queries. */
export async function allDocs<T>(server: LocalServer, collection: string): Promise<T[]> {
  const docs: T[] = []
  for (let skip = 0; ; skip += 1000) {
    const page = await server.db.collection<T & { _id: string }>(collection).orderBy('_id', 'asc').skip(skip).limit(1000).get()
    docs.push(...page.data)
    if (page.data.length < 1000) return docs
  }
}

/** 'OK' or the error code of an envelope, so a table of expected outcomes reads as one column. */
export const codeOf = (response: ApiResponse<unknown>): string => (response.ok ? 'OK' : response.error.code)
