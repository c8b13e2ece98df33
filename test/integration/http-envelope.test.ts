import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startTestServer, type TestServer } from '../helpers/server'

/** What one HTTP exchange came to: the status and parsed body, or the transport error that ate the answer. */
type Outcome = { status: number; body: unknown } | { failed: string }

async function send(url: string, init: RequestInit): Promise<Outcome> {
  try {
    const response = await fetch(url, init)
    const text = await response.text()
    try {
      return { status: response.status, body: JSON.parse(text) }
    } catch {
      return { status: response.status, body: text }
    }
  } catch (error) {
    return { failed: String((error as { cause?: unknown }).cause ?? error) }
  }
}

/** Runs `count` tasks, `width` at a time: enough overlap to race the server, bounded for a shared machine. */
async function inBatches<T>(count: number, width: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = []
  for (let start = 0; start < count; start += width) {
    results.push(...(await Promise.all(Array.from({ length: Math.min(width, count - start) }, (_, offset) => task(start + offset)))))
  }
  return results
}

const tooLarge = { ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('太大') } }

describe('local HTTP server: every /api/ answer is an envelope', () => {
  let server: TestServer
  let h5Dir: string
  beforeAll(async () => {
    h5Dir = mkdtempSync(join(tmpdir(), 'tongxin-h5-'))
    writeFileSync(join(h5Dir, 'index.html'), '<!doctype html><div id="app"></div>')
    server = await startTestServer({ h5Dir })
  })
  afterAll(async () => {
    await server.stop()
    rmSync(h5Dir, { recursive: true, force: true })
  })

  it('should answer every one of 200 bodies over 1 MB with a readable 413 PAYLOAD_TOO_LARGE, whether the length is declared or streamed', async () => {
    // A valid envelope padded past the limit: only its size is wrong.
    const body = JSON.stringify({ action: 'me', data: {}, requestId: 'x'.repeat(1024 * 1024 + 512) })
    const outcomes = await inBatches(200, 8, (index) =>
      index % 2 === 0
        ? send(`${server.url}/api/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
        : send(`${server.url}/api/users`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            // No content-length: fastify finds out mid-stream.
            body: new Blob([body]).stream(),
            duplex: 'half',
          } as RequestInit),
    )
    const wrong = outcomes.filter((outcome) => !('status' in outcome) || outcome.status !== 413 || JSON.stringify(outcome.body) !== JSON.stringify(outcomes[0] && 'body' in outcomes[0] ? outcomes[0].body : null))
    expect({ answered: outcomes.length - wrong.length, wrong: wrong.slice(0, 3) }).toEqual({ answered: 200, wrong: [] })
    expect(outcomes[0]).toEqual({ status: 413, body: tooLarge })
  }, 60_000)

  it('should still answer normally on the same server after the oversized bodies', async () => {
    expect(await send(`${server.url}/api/_health`, {})).toEqual({ status: 200, body: { ok: true, data: { status: 'up' } } })
  })

  it.each(['GET', 'PUT', 'DELETE', 'PATCH'])('should answer %s on a function with 405 METHOD_NOT_ALLOWED in the envelope', async (method) => {
    const outcome = await fetch(`${server.url}/api/wishes`, { method, ...(method === 'GET' ? {} : { body: '{}', headers: { 'content-type': 'application/json' } }) })
    expect(outcome.status).toBe(405)
    expect(outcome.headers.get('allow')).toBe('POST')
    expect(await outcome.json()).toEqual({ ok: false, error: { code: 'METHOD_NOT_ALLOWED', message: expect.stringContaining('POST') } })
  })

  it('should answer POST on a read-only endpoint with 405 and the methods it takes', async () => {
    const outcome = await fetch(`${server.url}/api/_health`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })
    expect(outcome.status).toBe(405)
    expect(outcome.headers.get('allow')).toBe('GET, HEAD')
    expect(((await outcome.json()) as { error: { code: string } }).error.code).toBe('METHOD_NOT_ALLOWED')
  })

  it.each([
    ['GET', '/api/nothing'],
    ['GET', '/api/wishes/detail'],
    ['POST', '/api/wishes/detail'],
    ['DELETE', '/api/'],
    ['GET', '/api'],
  ])('should answer %s %s with 404 UNKNOWN_ACTION in the envelope', async (method, path) => {
    const outcome = await send(`${server.url}${path}`, { method, ...(method === 'POST' ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}) })
    expect(outcome).toEqual({ status: 404, body: { ok: false, error: { code: 'UNKNOWN_ACTION', message: '没有这个接口' } } })
  })

  it('should keep serving the H5 app at / and a plain 404 for a missing file there', async () => {
    const page = await fetch(`${server.url}/`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="app">')
    const missing = await fetch(`${server.url}/missing.js`)
    expect(missing.status).toBe(404)
    expect(await missing.text()).not.toContain('"ok"')
  })
})
