import type { SuggestionView } from '../../cloudfunctions/lib/suggestions/model'
import { startTestServer, type Client, type TestServer } from '../helpers/server'
import { addPerson, errorCode, tally } from './points-fixtures'
import { addSuggestion, suggestionDoc } from './suggestions-fixtures'

/** Races over real HTTP: every request below is in flight at once against one local server. */
describe('suggestions: races', () => {
  let server: TestServer
  let resident: Client
  const staff: Client[] = []
  beforeAll(async () => {
    server = await startTestServer()
    resident = await server.as('demo-resident')
    for (let i = 0; i < 20; i += 1) staff.push(await addPerson(server, `u-race-staff-${i}`, { roles: ['staff'], name: `工作人员${i}` }))
  })
  afterAll(() => server.stop())

  it('should close a suggestion once when 20 staff close it at the same time', async () => {
    const suggestionId = await addSuggestion(server, 'replied')
    const responses = await Promise.all(staff.map((client, i) => client.call('suggestions', 'close', { suggestionId, result: `办结结果 ${i}` })))
    expect(tally(responses.map(errorCode))).toEqual({ ok: 1, INVALID_STATE: 19 })
    const doc = await suggestionDoc(server, suggestionId)
    const winner = responses.findIndex((response) => response.ok)
    expect(doc).toMatchObject({ status: 'closed', result: `办结结果 ${winner}` })
    expect(doc.history.filter((entry) => entry.action === 'close')).toHaveLength(1)
  })

  it('should store one rating when the submitter sends 10 at once', async () => {
    const suggestionId = await addSuggestion(server, 'closed')
    const responses = await Promise.all([1, 2, 3, 4, 5, 1, 2, 3, 4, 5].map((score) => resident.call('suggestions', 'rate', { suggestionId, score, comment: `${score} 星` })))
    expect(tally(responses.map(errorCode))).toEqual({ ok: 1, ALREADY_EXISTS: 9 })
    const doc = await suggestionDoc(server, suggestionId)
    const winner = responses.find((response) => response.ok) as { ok: true; data: SuggestionView }
    expect(doc.rating).toMatchObject({ score: winner.data.rating!.score })
    expect(doc.history.filter((entry) => entry.action === 'rate')).toHaveLength(1)
  })

  it('should keep all of 10 concurrent first replies and set repliedAt once, from the reply that moved it', async () => {
    const suggestionId = await addSuggestion(server, 'assigned')
    const responses = await Promise.all(staff.slice(0, 10).map((client, i) => client.call('suggestions', 'reply', { suggestionId, text: `答复 ${i}` })))
    expect(tally(responses.map(errorCode))).toEqual({ ok: 10 })
    const doc = await suggestionDoc(server, suggestionId)
    expect(doc.status).toBe('replied')
    expect(doc.replies.map((reply) => reply.text).sort()).toEqual(staff.slice(0, 10).map((_, i) => `答复 ${i}`).sort())
    expect(doc.history.filter((entry) => entry.action === 'reply')).toHaveLength(10)
    // The winner of the status update appended first; the others appended to a replied suggestion and left repliedAt alone.
    expect(doc.repliedAt).toEqual(doc.replies[0].at)
  })

  it('should let exactly one of accept, decline and withdraw win when they race', async () => {
    for (let round = 0; round < 5; round += 1) {
      const suggestionId = await addSuggestion(server, 'submitted')
      const responses = await Promise.all([
        ...staff.slice(0, 5).map((client) => client.call('suggestions', 'accept', { suggestionId })),
        ...staff.slice(5, 10).map((client) => client.call('suggestions', 'decline', { suggestionId, reason: '重复提交' })),
        ...[1, 2, 3, 4, 5].map(() => resident.call('suggestions', 'withdraw', { suggestionId })),
      ])
      expect(tally(responses.map(errorCode))).toEqual({ ok: 1, INVALID_STATE: 14 })
      const doc = await suggestionDoc(server, suggestionId)
      expect(doc.history).toHaveLength(2)
      expect(['accepted', 'declined', 'withdrawn']).toContain(doc.status)
    }
  })
})
