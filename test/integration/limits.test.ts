/**
 * Production's limits on the local server: every database call a round trip
 * (TONGXIN_DB_LATENCY_MS) and a time limit per request
 * (TONGXIN_FUNCTION_TIMEOUT_MS) that answers TIMEOUT, logs a bug and stops
 * the request's work as CloudBase stops a function.
 */
import { startTestServer, type TestServer } from '../helpers/server'

const submission = { category: '社区发展建议', title: '建议开设老年食堂', content: '社区老人多，希望能有一个老年助餐点。' }

describe('function limits on the local server', () => {
  describe('with production latency', () => {
    let server: TestServer
    beforeAll(async () => {
      server = await startTestServer({ latencyMs: 15 })
    })
    afterAll(() => server.stop())

    it('should answer every action as before, only later', async () => {
      const resident = await server.as('demo-resident')
      const submitted = await resident.ok<{ id: string }>('suggestions', 'submit', submission)
      const mine = await resident.ok<{ items: Array<{ id: string }> }>('suggestions', 'mine', {})
      expect(mine.items.map((item) => item.id)).toContain(submitted.id)
    })
  })

  describe('past the time limit', () => {
    let server: TestServer
    const bugs: Array<Record<string, unknown> | undefined> = []
    beforeAll(async () => {
      // Every call takes 40 ms and the function has 1 ms: it is stopped before its first read answers.
      server = await startTestServer({
        latencyMs: 40,
        functionTimeoutMs: 1,
        log: { info: () => undefined, warn: () => undefined, error: (event, fields) => (event === 'bug' ? bugs.push(fields) : undefined) },
      })
    })
    afterAll(() => server.stop())

    it('should answer TIMEOUT in the envelope with status 504, log it as a bug and write nothing', async () => {
      const resident = await server.as('demo-resident')
      const before = (await server.db.collection('suggestions').count()).total
      const response = await resident.raw('suggestions', JSON.stringify({ action: 'submit', data: submission }))
      expect(response).toMatchObject({ status: 504, body: { ok: false, error: { code: 'TIMEOUT', message: '服务器处理超时，请稍后再试' } } })
      // The stopped request's remaining calls fail; give them the time they would have taken.
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect((await server.db.collection('suggestions').count()).total).toBe(before)
      expect(bugs).toEqual([expect.objectContaining({ fn: 'suggestions', action: 'submit', error: { message: expect.stringMatching(/TIMEOUT/) } })])
    })
  })
})
