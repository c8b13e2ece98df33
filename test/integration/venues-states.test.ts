import { bookingStatuses, holdingStatuses, type BookingStatus } from '../../cloudfunctions/lib/venues/model'
import { startTestServer, type TestServer } from '../helpers/server'
import { addPerson, errorCode } from './points-fixtures'
import { addBooking, bookingDoc, createVenue, slotsOf } from './venues-fixtures'

/**
 * Every booking status × every move × who makes it: the allowed transition
 * succeeds (and the slots are held exactly while the booking holds them);
 * anything else is a typed error that leaves the booking and its slots as
 * they were. The booker is 张伟; the booking starts days ahead, before the cut-off.
 */
type Row = { action: string; by: string; who: string; data: Record<string, unknown>; allowed: Partial<Record<BookingStatus, BookingStatus>>; refusal: string }

const rows: Row[] = [
  { action: 'approve', by: 'demo-staff', who: 'staff', data: {}, allowed: { pending: 'approved' }, refusal: 'INVALID_STATE' },
  { action: 'approve', by: 'demo-district-admin', who: 'the district admin', data: {}, allowed: { pending: 'approved' }, refusal: 'INVALID_STATE' },
  { action: 'refuse', by: 'demo-staff', who: 'staff', data: { reason: '时间冲突' }, allowed: { pending: 'refused' }, refusal: 'INVALID_STATE' },
  { action: 'cancel', by: 'demo-member', who: 'the booker', data: {}, allowed: { pending: 'cancelled', approved: 'cancelled' }, refusal: 'INVALID_STATE' },
  { action: 'cancel', by: 'demo-staff', who: 'staff', data: { reason: '场地维修' }, allowed: { pending: 'cancelled', approved: 'cancelled' }, refusal: 'INVALID_STATE' },
  { action: 'approve', by: 'demo-member', who: 'the booker', data: {}, allowed: {}, refusal: 'FORBIDDEN' },
  { action: 'refuse', by: 'demo-liaison', who: 'a liaison', data: { reason: '不同意' }, allowed: {}, refusal: 'FORBIDDEN' },
  { action: 'approve', by: 'demo-staff-hexie', who: 'staff of another community', data: {}, allowed: {}, refusal: 'FORBIDDEN' },
  { action: 'cancel', by: 'demo-staff-hexie', who: 'staff of another community', data: { reason: '不行' }, allowed: {}, refusal: 'FORBIDDEN' },
  { action: 'cancel', by: 'openid-u-other-member', who: 'another member', data: {}, allowed: {}, refusal: 'FORBIDDEN' },
  { action: 'cancel', by: 'demo-resident', who: 'a resident', data: {}, allowed: {}, refusal: 'FORBIDDEN' },
]

/**
 * A pending booking whose start has passed: time decides. Whoever may move a
 * pending booking finds it lapsed (the lapse commits and frees the slot, the
 * move answers INVALID_STATE); whoever may not is refused as before and the
 * booking stays exactly as it was.
 */
const staleTable = rows.map((row) => ({
  ...row,
  expected: row.allowed.pending ? 'INVALID_STATE' : row.refusal,
  to: (row.allowed.pending ? 'lapsed' : 'pending') as BookingStatus,
}))

const table = rows.flatMap((row) =>
  bookingStatuses.map((status) => {
    const to = row.allowed[status]
    return { ...row, status, to: to ?? status, expected: to ? 'OK' : row.refusal }
  }),
)

describe('venues: every booking status × every move × who', () => {
  let server: TestServer
  let venueId: string
  beforeAll(async () => {
    server = await startTestServer()
    await addPerson(server, 'u-other-member')
    venueId = await createVenue(await server.as('demo-staff'))
  })
  afterAll(() => server.stop())

  it.each(table)('$action by $who on a $status booking should answer $expected and leave it $to', async ({ action, by, data, status, to, expected }) => {
    const bookingId = await addBooking(server, venueId, status)
    const before = await bookingDoc(server, bookingId)
    const heldBefore = (await slotsOf(server, venueId, before.date)).filter((slot) => slot.bookingId === bookingId)
    const client = await server.as(by)
    const response = await client.call('venues', action, { bookingId, ...data })
    expect(errorCode(response) ?? 'OK').toBe(expected)
    const after = await bookingDoc(server, bookingId)
    expect(after.status).toBe(to)
    const heldAfter = (await slotsOf(server, venueId, before.date)).filter((slot) => slot.bookingId === bookingId)
    expect(heldAfter.length).toBe(holdingStatuses.includes(to) ? 1 : 0)
    if (expected !== 'OK') {
      expect(after).toEqual(before)
      expect(heldAfter).toEqual(heldBefore)
    }
  })

  it.each(staleTable)('$action by $who on a pending booking whose time has passed should answer $expected and leave it $to', async ({ action, by, data, to, expected }) => {
    const bookingId = await addBooking(server, venueId, 'pending', { days: -1 })
    const before = await bookingDoc(server, bookingId)
    const client = await server.as(by)
    const response = await client.call('venues', action, { bookingId, ...data })
    expect(errorCode(response) ?? 'OK').toBe(expected)
    const after = await bookingDoc(server, bookingId)
    expect(after.status).toBe(to)
    const heldAfter = (await slotsOf(server, venueId, before.date)).filter((slot) => slot.bookingId === bookingId)
    expect(heldAfter.length).toBe(to === 'pending' ? 1 : 0)
    if (to === 'pending') expect(after).toEqual(before)
    else expect(after).toEqual({ ...before, status: 'lapsed', lapsedAt: after.lapsedAt, updatedAt: after.updatedAt })
  })

  it('should answer NOT_FOUND for a booking that does not exist, before any role is checked', async () => {
    const resident = await server.as('demo-resident')
    for (const action of ['approve', 'cancel']) expect(errorCode(await resident.call('venues', action, { bookingId: 'bk-none' }))).toBe('NOT_FOUND')
    expect(errorCode(await resident.call('venues', 'refuse', { bookingId: 'bk-none', reason: '不存在' }))).toBe('NOT_FOUND')
  })
})
