import type { AgreementDoc, DemandDoc } from '../../cloudfunctions/lib/units/model'
import { allDocs, codeOf, countAll, startTestServer, type Client, type TestServer } from '../helpers/server'

/**
 * Every action that takes a date, fed what a client sends by mistake. Each
 * must answer VALIDATION_FAILED and change nothing: no coerced 1970, no
 * 2026-02-30 rolled over to 2 March, no ALREADY_EXISTS before the input is
 * even read. Inputs are fixed (no "today"), so the table passes on any date.
 */
const wrongTypes: Array<[string, unknown]> = [
  ['a number', 20260301],
  ['zero', 0],
  ['true', true],
  ['null', null],
  ['an array', ['2026-03-01']],
  ['an object', { year: 2026 }],
  ['a negative number as text', '-1'],
  ['words', 'soon'],
  ['an empty string', ''],
]
const impossibleDays: Array<[string, unknown]> = [
  ['30 February', '2026-02-30'],
  ['29 February of a common year', '2023-02-29'],
  ['month 13', '2026-13-01'],
]
const outOfRange: Array<[string, unknown]> = [
  ['year 0001', '0001-01-01'],
  ['a day after 2100', '2101-01-01'],
]
const badDays = [...wrongTypes, ...impossibleDays, ...outOfRange, ['a day before 2000', '1999-12-31']] as Array<[string, unknown]>
const badInstants = [
  ...wrongTypes,
  ...impossibleDays.map(([label, day]) => [`${label} at noon`, `${day}T12:00:00+08:00`]),
  ...outOfRange.map(([label, day]) => [`${label} at noon`, `${day}T12:00:00+08:00`]),
  ['a time without an offset', '2026-03-01T09:00:00'],
] as Array<[string, unknown]>

type Who = 'staff' | 'member' | 'resident'

interface DateField {
  who: Who
  fn: string
  action: string
  field: string
  data: Record<string, unknown>
  bad: Array<[string, unknown]>
}

const unit = {
  communityId: 'c-xingfu',
  name: '和平中学',
  kind: '学校',
  partyOrg: '和平中学党总支',
  contact: { name: '赵老师', phone: '13900000001' },
  address: '和平街道学府路 2 号',
}
const activity = {
  communityId: 'c-xingfu',
  type: '志愿服务',
  title: '社区环境整治',
  description: '',
  coverUrl: null,
  place: '幸福小区 3 栋',
  startAt: '2030-05-01T09:00:00+08:00',
  endAt: '2030-05-01T11:00:00+08:00',
  signupDeadline: '2030-04-30T18:00:00+08:00',
  quota: 10,
  pointsRule: { kind: 'perHour', points: 10 },
  maxHours: 2,
}

const fields: DateField[] = [
  { who: 'staff', fn: 'units', action: 'register', field: 'signedAt', data: unit, bad: [...badDays, ...badInstants] },
  // unit-school is already paired with c-xingfu: a wrong date must not be answered ALREADY_EXISTS.
  { who: 'staff', fn: 'units', action: 'pair', field: 'signedAt', data: { unitId: 'unit-school', communityId: 'c-xingfu' }, bad: [...badDays, ...badInstants] },
  {
    who: 'staff',
    fn: 'units',
    action: 'proposeCommitment',
    field: 'deadline',
    data: { unitId: 'unit-school', communityId: 'c-xingfu', year: 2030, title: '开放学校操场', content: '周末开放操场', category: '场地共享', measure: '全年 40 个周末' },
    bad: [...badDays, ...badInstants],
  },
  {
    who: 'staff',
    fn: 'units',
    action: 'publishDemand',
    field: 'deadline',
    data: { communityId: 'c-xingfu', title: '安装扶手', content: '为独居老人安装扶手', category: '适老化改造' },
    bad: [...badDays, ...badInstants],
  },
  ...(['startAt', 'endAt', 'signupDeadline'] as const).map((field): DateField => ({ who: 'staff', fn: 'activities', action: 'publish', field, data: activity, bad: badInstants })),
  { who: 'resident', fn: 'wishes', action: 'post', field: 'wishedBy', data: { title: '想要一袋大米', story: '谢谢', category: '生活物资' }, bad: badDays },
  {
    who: 'member',
    fn: 'members',
    action: 'submit',
    field: 'partyJoinedAt',
    data: { workUnit: '和平区税务局', partyOrg: '机关第一党支部', skills: [], willingness: ['政策宣讲'] },
    // Party history reaches back to 1921, so 1999 is a real joining day.
    bad: [...wrongTypes, ...impossibleDays, ...outOfRange, ['a day before the party existed', '1921-06-30']],
  },
  { who: 'member', fn: 'venues', action: 'book', field: 'date', data: { venueId: 'v-hall', start: '10:00', purpose: '支部学习', attendees: 5 }, bad: badDays },
  { who: 'staff', fn: 'venues', action: 'close', field: 'from', data: { venueId: 'v-hall', to: '2030-05-02', reason: '维修' }, bad: badDays },
]

const rows = fields.flatMap((spec) => spec.bad.map(([label, value]) => [`${spec.fn}.${spec.action}`, spec.field, label, value, spec] as const))

/** What a rejected call must leave untouched. */
const counted = ['units', 'agreements', 'commitments', 'demands', 'activities', 'wishes', 'memberReports', 'bookings', 'venueSlots', 'venues', 'audit']

describe('dates at every boundary', () => {
  let server: TestServer
  let clients: Record<Who, Client>

  beforeAll(async () => {
    server = await startTestServer()
    const [staff, member, resident] = await Promise.all(['demo-staff', 'demo-member', 'demo-resident'].map((openid) => server.as(openid)))
    clients = { staff, member, resident }
  })
  afterAll(() => server.stop())

  it.each(rows)('%s should refuse %s as %s with VALIDATION_FAILED and change nothing', async (_action, field, _label, value, spec) => {
    const before = await countAll(server, counted)
    const venuesBefore = await allDocs(server, 'venues')
    const response = await clients[spec.who].call(spec.fn, spec.action, { ...spec.data, [field]: value })
    expect(codeOf(response)).toBe('VALIDATION_FAILED')
    expect(await countAll(server, counted)).toEqual(before)
    expect(await allDocs(server, 'venues')).toEqual(venuesBefore)
  })

  it('should name the date field and say what a date is, in Chinese', async () => {
    const response = await clients.staff.call('units', 'publishDemand', { ...fields[3].data, deadline: null })
    expect(response).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'deadline' }] } } })
    expect(response.ok ? '' : response.error.message).toMatch(/截止日期.*YYYY-MM-DD/)
  })

  it('should read a bare deadline as the last second of that Beijing day, and a bare signing day as its noon', async () => {
    const demand = await clients.staff.ok('units', 'publishDemand', { ...fields[3].data, deadline: '2030-06-30' })
    expect(demand.deadline).toBe('2030-06-30T15:59:59.000Z')
    const stored = (await allDocs<DemandDoc>(server, 'demands')).find((doc) => doc._id === demand.id)
    expect(stored?.deadline).toEqual(new Date('2030-06-30T15:59:59.000Z'))

    const registered = await clients.staff.ok('units', 'register', { ...unit, name: '和平二中', signedAt: '2026-02-01' })
    expect(registered.agreements).toEqual([expect.objectContaining({ signedAt: '2026-02-01T04:00:00.000Z' })])
    const agreements = await allDocs<AgreementDoc>(server, 'agreements')
    expect(agreements.find((doc) => doc.unitId === registered.id)?.signedAt).toEqual(new Date('2026-02-01T04:00:00.000Z'))
  })

  it('should keep an instant the app sends, offset and all', async () => {
    const demand = await clients.staff.ok('units', 'publishDemand', { ...fields[3].data, deadline: '2030-06-30T23:59:59+08:00' })
    expect(demand.deadline).toBe('2030-06-30T15:59:59.000Z')
  })

  it('should publish a demand without a deadline when none is given, and let a unit claim it', async () => {
    const demand = await clients.staff.ok('units', 'publishDemand', fields[3].data)
    expect(demand.deadline).toBeNull()
    const liaison = await server.as('demo-liaison')
    expect(codeOf(await liaison.call('units', 'claimDemand', { demandId: demand.id, unitId: 'unit-school' }))).toBe('OK')
  })
})
