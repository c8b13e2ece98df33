import { suggestionStatuses, type SuggestionStatus } from '../../cloudfunctions/lib/suggestions/model'
import { startTestServer, type TestServer } from '../helpers/server'
import { errorCode } from './points-fixtures'
import { addSuggestion, suggestionDoc } from './suggestions-fixtures'

/**
 * Every state × every action × every kind of caller: the submitter 刘秀英,
 * staff 王丽 of the community, another resident of it (张伟) and staff of
 * another community (孙梅, c-hexie). Each row answers one code; a refusal
 * leaves the suggestion exactly as it was.
 */
type State = SuggestionStatus | 'closed+rated'
const states: State[] = [...suggestionStatuses, 'closed+rated']

const callers = {
  submitter: 'demo-resident',
  staff: 'demo-staff',
  otherResident: 'demo-member',
  otherCommunityStaff: 'demo-staff-hexie',
} as const
type CallerKind = keyof typeof callers

type Row = { action: string; data: Record<string, unknown>; actor: CallerKind; allowed: Partial<Record<State, SuggestionStatus>>; refusal?: Partial<Record<State, string>> }

const rows: Row[] = [
  { action: 'withdraw', data: {}, actor: 'submitter', allowed: { submitted: 'withdrawn' } },
  { action: 'accept', data: {}, actor: 'staff', allowed: { submitted: 'accepted' } },
  { action: 'decline', data: { reason: '不属于社区职责范围' }, actor: 'staff', allowed: { submitted: 'declined' } },
  { action: 'assign', data: { handler: '幸福物业' }, actor: 'staff', allowed: { accepted: 'assigned', assigned: 'assigned' } },
  { action: 'reply', data: { text: '已经安排人员查看' }, actor: 'staff', allowed: { accepted: 'replied', assigned: 'replied', replied: 'replied' } },
  { action: 'close', data: { result: '已经修好' }, actor: 'staff', allowed: { accepted: 'closed', assigned: 'closed', replied: 'closed' } },
  { action: 'rate', data: { score: 5, comment: '满意' }, actor: 'submitter', allowed: { closed: 'closed' }, refusal: { 'closed+rated': 'ALREADY_EXISTS' } },
]

const table = rows.flatMap((row) =>
  states.flatMap((state) =>
    (Object.keys(callers) as CallerKind[]).map((caller) => {
      const status: SuggestionStatus = state === 'closed+rated' ? 'closed' : state
      const to = caller === row.actor ? row.allowed[state] : undefined
      const expected = caller !== row.actor ? 'FORBIDDEN' : to ? 'OK' : (row.refusal?.[state] ?? 'INVALID_STATE')
      return { action: row.action, data: row.data, state, status, caller, to: to ?? status, expected }
    }),
  ),
)

describe('suggestions: every state × every action × every caller', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.stop())

  it('should cover 8 states × 7 actions × 4 callers', () => {
    expect(table).toHaveLength(8 * 7 * 4)
  })

  it.each(table)('$action by $caller on a $state suggestion should answer $expected and leave it $to', async ({ action, data, state, status, caller, to, expected }) => {
    const suggestionId = await addSuggestion(server, status, { rated: state === 'closed+rated' })
    const before = await suggestionDoc(server, suggestionId)
    const client = await server.as(callers[caller])
    const response = await client.call('suggestions', action, { suggestionId, ...data })
    expect(errorCode(response) ?? 'OK').toBe(expected)
    const after = await suggestionDoc(server, suggestionId)
    expect(after.status).toBe(to)
    if (expected === 'OK') {
      expect(after.history.at(-1)).toMatchObject({ action })
      expect(after.history).toHaveLength(before.history.length + 1)
    } else {
      expect(after).toEqual(before)
    }
  })
})
