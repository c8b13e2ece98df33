import { reportStatuses, type ReportStatus } from '../../cloudfunctions/lib/members/model'
import { startTestServer, type TestServer } from '../helpers/server'
import { addPerson, errorCode } from './points-fixtures'
import { addReport, reportDoc, validReport } from './members-fixtures'

/**
 * Every status × every action × every kind of caller: the report's owner,
 * staff of its community (王丽), another member of it (张伟) and staff of
 * another community (孙梅). Exactly one result code per row; a refused move
 * leaves the report exactly as it was.
 */
type Caller = 'owner' | 'staff' | 'member' | 'hexieStaff'
const openids: Record<Exclude<Caller, 'owner'>, string> = { staff: 'demo-staff', member: 'demo-member', hexieStaff: 'demo-staff-hexie' }
const callers: Caller[] = ['owner', 'staff', 'member', 'hexieStaff']

interface Rule {
  action: string
  data: Record<string, unknown>
  /** The caller entitled to the move, and where it leads from each status it is allowed in. */
  by: Caller
  allowed: Partial<Record<ReportStatus, ReportStatus>>
}

const rules: Rule[] = [
  { action: 'confirm', data: {}, by: 'staff', allowed: { submitted: 'confirmed' } },
  { action: 'return', data: { reason: '工作单位请写全称' }, by: 'staff', allowed: { submitted: 'returned' } },
  { action: 'withdraw', data: { reason: '已迁出本社区' }, by: 'staff', allowed: { confirmed: 'returned' } },
]

const staffRows = rules.flatMap((rule) =>
  reportStatuses.flatMap((status) =>
    callers.map((caller) => {
      const to = rule.allowed[status]
      const expected = caller !== rule.by ? 'FORBIDDEN' : to ? 'OK' : 'INVALID_STATE'
      return { ...rule, status, caller, expected, to: expected === 'OK' ? to! : status }
    }),
  ),
)

// submit acts on the caller's own report of the year, so only its owner can reach a given one.
const submitRows = reportStatuses.map((status) => {
  const expected = status === 'confirmed' ? 'INVALID_STATE' : 'OK'
  return { status, expected, to: expected === 'OK' ? ('submitted' as const) : status }
})

describe('members: every report status × every action × every caller', () => {
  let server: TestServer
  let counter = 0
  const freshOwner = async () => {
    counter += 1
    const userId = `u-report-${counter}`
    const client = await addPerson(server, userId, { roles: [] })
    return { userId, client }
  }

  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.stop())

  it.each(staffRows)('$action on a $status report by $caller should answer $expected and leave it $to', async ({ action, data, status, caller, expected, to }) => {
    const owner = await freshOwner()
    const reportId = await addReport(server, owner.userId, status)
    const before = await reportDoc(server, reportId)
    const client = caller === 'owner' ? owner.client : await server.as(openids[caller])
    const response = await client.call('members', action, { reportId, ...data })
    expect(errorCode(response) ?? 'OK').toBe(expected)
    const after = await reportDoc(server, reportId)
    expect(after?.status).toBe(to)
    if (expected === 'OK') expect(after?.history.at(-1)?.action).toBe(action)
    else expect(after).toEqual(before)
  })

  it.each(submitRows)('submit by the owner of a $status report should answer $expected and leave it $to', async ({ status, expected, to }) => {
    const owner = await freshOwner()
    const reportId = await addReport(server, owner.userId, status)
    const before = await reportDoc(server, reportId)
    const response = await owner.client.call('members', 'submit', validReport)
    expect(errorCode(response) ?? 'OK').toBe(expected)
    const after = await reportDoc(server, reportId)
    expect(after?.status).toBe(to)
    if (expected === 'OK') {
      expect(after).toMatchObject({ workUnit: validReport.workUnit, partyJoinedAt: '2015-07-01', anniversary: '07-01' })
      expect(after?.history.at(-1)?.action).toBe(status === 'returned' ? 'resubmit' : 'edit')
    } else {
      expect(after).toEqual(before)
    }
  })

  it.each([
    { action: 'confirm', data: {} },
    { action: 'return', data: { reason: '请补充' } },
    { action: 'withdraw', data: { reason: '请补充' } },
    { action: 'detail', data: {} },
  ])('$action of a report that does not exist should answer NOT_FOUND', async ({ action, data }) => {
    const staff = await server.as('demo-staff')
    expect(errorCode(await staff.call('members', action, { reportId: 'c-xingfu:nobody:2020', ...data }))).toBe('NOT_FOUND')
  })
})
