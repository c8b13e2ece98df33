import type { WishStatus } from '../../cloudfunctions/lib/wishes/model'
import { wishStatuses } from '../../cloudfunctions/lib/wishes/model'
import { startTestServer, type TestServer } from '../helpers/server'
import { addPerson, errorCode } from './points-fixtures'
import { addWish, claimsOf, wishDoc } from './wishes-fixtures'

/**
 * Every status × every action, each by the caller entitled to it (the wisher
 * 刘秀英, staff 王丽, the claimer 张伟, another member), so only the status
 * decides: the allowed transition succeeds, every other one is a typed error
 * and leaves the wish and its claims as they were.
 */
type Row = { action: string; by: string; data: Record<string, unknown>; allowed: Partial<Record<WishStatus, WishStatus>>; refusal: (status: WishStatus) => string }

const invalid = () => 'INVALID_STATE'

const actions: Row[] = [
  { action: 'edit', by: 'demo-resident', data: { title: '改过的心愿' }, allowed: { pending: 'pending', open: 'pending' }, refusal: invalid },
  { action: 'withdraw', by: 'demo-resident', data: { reason: '不需要了' }, allowed: { pending: 'withdrawn', open: 'withdrawn' }, refusal: invalid },
  { action: 'review', by: 'demo-staff', data: { decision: 'approve' }, allowed: { pending: 'open' }, refusal: invalid },
  { action: 'review', by: 'demo-staff', data: { decision: 'reject', reason: '信息不全' }, allowed: { pending: 'rejected' }, refusal: invalid },
  {
    action: 'claim',
    by: 'openid-u-state-member',
    data: {},
    allowed: { open: 'claimed' },
    refusal: (status) => (status === 'claimed' ? 'ALREADY_CLAIMED' : 'NOT_CLAIMABLE'),
  },
  { action: 'release', by: 'demo-member', data: { reason: '临时出差' }, allowed: { claimed: 'open' }, refusal: invalid },
  { action: 'fulfil', by: 'demo-member', data: { note: '已经修好了' }, allowed: { claimed: 'fulfilled' }, refusal: invalid },
  { action: 'confirm', by: 'demo-resident', data: { rating: 5 }, allowed: { fulfilled: 'confirmed' }, refusal: invalid },
]

const table = actions.flatMap((row) =>
  wishStatuses.map((status) => {
    const to = row.allowed[status]
    return { ...row, status, to: to ?? status, expected: to ? 'OK' : row.refusal(status), label: `${row.action}${row.data.decision ? ` ${row.data.decision}` : ''}` }
  }),
)

describe('wishes: every status × every action', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
    await addPerson(server, 'u-state-member')
  })
  afterAll(() => server.stop())

  it.each(table)('$label on a $status wish should answer $expected and leave it $to', async ({ action, by, data, status, to, expected }) => {
    const wishId = await addWish(server, status)
    const before = { wish: await wishDoc(server, wishId), claims: await claimsOf(server, wishId) }
    const client = await server.as(by)
    const response = await client.call('wishes', action, { wishId, ...data })
    expect(errorCode(response) ?? 'OK').toBe(expected)
    const after = await wishDoc(server, wishId)
    expect(after.status).toBe(to)
    if (expected !== 'OK') {
      expect(after).toEqual(before.wish)
      expect(await claimsOf(server, wishId)).toEqual(before.claims)
    }
  })

  it.each(wishStatuses.map((status) => ({ status, expected: ['pending', 'rejected', 'withdrawn'].includes(status) ? 'NOT_FOUND' : 'OK' })))(
    'detail of a $status wish should answer $expected to someone not signed in',
    async ({ status, expected }) => {
      const wishId = await addWish(server, status)
      expect(errorCode(await server.anonymous.call('wishes', 'detail', { wishId })) ?? 'OK').toBe(expected)
    },
  )
})
