import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { auditLedger, formatAuditReport } from '../../cloudfunctions/lib/points/audit'
import { earn } from '../../cloudfunctions/lib/points/ledger'
import type { EntryDoc } from '../../cloudfunctions/lib/points/model'
import { countAll, startTestServer, type Client, type TestServer } from '../helpers/server'
import { accountOf, addPerson, errorCode, fund } from './points-fixtures'

const ledgerCollections = ['accounts', 'entries', 'audit']

describe('points: balance, history, corrections', () => {
  let server: TestServer
  let staff: Client
  beforeAll(async () => {
    server = await startTestServer()
    staff = await server.as('demo-staff')
  })
  afterAll(() => server.stop())

  it('should seed opening balances through the ledger and pass the audit', async () => {
    const openings = await server.db.collection<EntryDoc>('entries').where({ kind: 'adjust', reason: '演示初始积分' }).limit(10).get()
    expect(Object.fromEntries(openings.data.map((entry) => [entry.userId, entry.amount]))).toEqual({ 'u-member': 200, 'u-staff': 80, 'u-resident': 30 })
    const resident = await server.as('demo-resident')
    expect(await resident.ok('points', 'balance', {})).toMatchObject({ communityId: 'c-xingfu', available: 30, held: 0 })
    const member = await server.as('demo-member')
    const held = await member.ok('shop', 'myRedemptions', { status: 'held' })
    expect(held.items).toHaveLength(1)
    expect(held.items[0].pickupCode).toMatch(/^\d{6}$/)
    expect((await member.ok('points', 'balance', {})).held).toBe(held.items[0].points)
    const report = await auditLedger(server.db)
    expect(report.problems).toEqual([])
  })

  it('should show zeros before the first entry', async () => {
    const newcomer = await addPerson(server, 'u-points-empty')
    expect(await newcomer.ok('points', 'balance', {})).toEqual({
      communityId: 'c-xingfu',
      available: 0,
      held: 0,
      totalEarned: 0,
      totalSpent: 0,
      hoursThisYear: 0,
      hoursTotal: 0,
    })
    expect(await newcomer.ok('points', 'history', {})).toEqual({ items: [], total: 0, page: 1, pageSize: 20 })
  })

  it('should show earned points and hours, and the history newest first in pages', async () => {
    const member = await addPerson(server, 'u-points-history')
    await earn(server.db, { communityId: 'c-xingfu', userId: 'u-points-history', points: 25, hours: 2.5, refType: 'enrollment', refId: 'h-1', actorId: 'u-staff', reason: '楼道清洁', now: new Date(Date.now() - 2000) })
    await earn(server.db, { communityId: 'c-xingfu', userId: 'u-points-history', points: 10, hours: 1, refType: 'wish', refId: 'h-2', actorId: 'u-staff', reason: '圆梦微心愿', now: new Date(Date.now() - 1000) })
    await staff.ok('points', 'adjust', { communityId: 'c-xingfu', userId: 'u-points-history', amount: -5, reason: '重复登记更正' })
    expect(await member.ok('points', 'balance', {})).toMatchObject({ available: 30, held: 0, totalEarned: 30, hoursThisYear: 3.5, hoursTotal: 3.5 })
    const first = await member.ok('points', 'history', { pageSize: 2 })
    expect(first.total).toBe(3)
    expect(first.items.map((entry: { kind: string; amount: number; availableAfter: number }) => [entry.kind, entry.amount, entry.availableAfter])).toEqual([
      ['adjust', -5, 30],
      ['earn', 10, 35],
    ])
    const second = await member.ok('points', 'history', { pageSize: 2, page: 2 })
    expect(second.items).toMatchObject([{ id: 'earn:enrollment:h-1', kind: 'earn', amount: 25, hours: 2.5, reason: '楼道清洁', refType: 'enrollment', refId: 'h-1' }])
  })

  it('should credit the same earn once when it is applied 50 times concurrently', async () => {
    await addPerson(server, 'u-points-earn')
    const input = { communityId: 'c-xingfu', userId: 'u-points-earn', points: 12, hours: 1.5, refType: 'enrollment' as const, refId: 'same-enrollment', actorId: 'u-staff', reason: '活动确认', now: new Date() }
    const results = await Promise.all(Array.from({ length: 50 }, () => earn(server.db, input)))
    expect(results.filter((result) => result.applied)).toHaveLength(1)
    expect(await accountOf(server, 'u-points-earn')).toMatchObject({ available: 12, totalEarned: 12, hoursTotal: 1.5 })
    expect((await server.db.collection('entries').where({ accountId: 'c-xingfu:u-points-earn' }).count()).total).toBe(1)
  })

  it('should let staff correct an account with a reason, recorded in the audit trail', async () => {
    await addPerson(server, 'u-points-adjust', { points: 10 })
    const result = await staff.ok('points', 'adjust', { communityId: 'c-xingfu', userId: 'u-points-adjust', amount: 15, reason: '补记三月志愿服务' })
    expect(result).toEqual({ entryId: expect.stringMatching(/^adjust:u-staff:/), available: 25, held: 0 })
    const entry = (await server.db.collection<EntryDoc>('entries').doc(result.entryId).get()).data[0]
    expect(entry).toMatchObject({ kind: 'adjust', amount: 15, actorId: 'u-staff', reason: '补记三月志愿服务', availableAfter: 25 })
    const trail = await server.db.collection('audit').where({ targetId: 'u-points-adjust', kind: 'points.adjust' }).limit(10).get()
    expect(trail.data).toHaveLength(1)
    expect(trail.data[0]).toMatchObject({ actorId: 'u-staff', communityId: 'c-xingfu', reason: '补记三月志愿服务', detail: { entryId: result.entryId, amount: 15 } })
  })

  it('should apply an adjustment once per requestId, and refuse the same requestId for a different one', async () => {
    await addPerson(server, 'u-points-retry')
    const data = { communityId: 'c-xingfu', userId: 'u-points-retry', amount: 40, reason: '活动补录' }
    const responses = await Promise.all(Array.from({ length: 10 }, () => staff.call('points', 'adjust', data, { requestId: 'adjust-retry-1' })))
    expect(responses.map(errorCode)).toEqual(Array(10).fill(null))
    expect(new Set(responses.map((response) => response.ok && (response.data as { entryId: string }).entryId))).toEqual(new Set(['adjust:u-staff:adjust-retry-1']))
    expect(await accountOf(server, 'u-points-retry')).toMatchObject({ available: 40 })
    expect((await server.db.collection('audit').where({ targetId: 'u-points-retry' }).count()).total).toBe(1)
    const reused = await staff.call('points', 'adjust', { ...data, amount: 41 }, { requestId: 'adjust-retry-1' })
    expect(errorCode(reused)).toBe('CONFLICT')
    expect((await accountOf(server, 'u-points-retry'))?.available).toBe(40)
  })

  it('should refuse a debit beyond the available points and change nothing', async () => {
    await addPerson(server, 'u-points-short', { points: 10 })
    const before = await countAll(server, ledgerCollections)
    const response = await staff.call('points', 'adjust', { communityId: 'c-xingfu', userId: 'u-points-short', amount: -11, reason: '扣减测试' })
    expect(errorCode(response)).toBe('INSUFFICIENT_POINTS')
    expect(await countAll(server, ledgerCollections)).toEqual(before)
    expect((await accountOf(server, 'u-points-short'))?.available).toBe(10)
  })

  it('should refuse to adjust a person who does not exist', async () => {
    const response = await staff.call('points', 'adjust', { communityId: 'c-xingfu', userId: 'u-nobody', amount: 5, reason: '不存在的人' })
    expect(errorCode(response)).toBe('NOT_FOUND')
  })

  it("should list a community's accounts for staff, most available first", async () => {
    await addPerson(server, 'u-points-rich', { points: 9000, name: '富有者' })
    const page = await staff.ok('points', 'accounts', { communityId: 'c-xingfu', pageSize: 50 })
    expect(page.items[0]).toEqual({ userId: 'u-points-rich', name: '富有者', available: 9000, held: 0, hoursTotal: 0 })
    const available = page.items.map((row: { available: number }) => row.available)
    expect(available).toEqual([...available].sort((a, b) => b - a))
    expect(page.total).toBe((await server.db.collection('accounts').where({ communityId: 'c-xingfu' }).count()).total)
  })

  describe('authorization', () => {
    const adjustMember = { communityId: 'c-xingfu', userId: 'u-member', amount: 100, reason: '越权尝试' }

    it.each([
      ['a resident', 'demo-resident', adjustMember],
      ['a member', 'demo-member', { ...adjustMember, userId: 'u-resident' }],
      ['a member (on their own account)', 'demo-member', adjustMember],
      ['staff of another community', 'demo-staff-hexie', adjustMember],
      ['staff (on their own account)', 'demo-staff', { ...adjustMember, userId: 'u-staff' }],
      ['a unit liaison', 'demo-liaison', adjustMember],
    ])('should forbid %s to adjust points, changing nothing', async (_who, openid, data) => {
      const before = await countAll(server, ledgerCollections)
      const caller = await server.as(openid)
      expect(errorCode(await caller.call('points', 'adjust', data))).toBe('FORBIDDEN')
      expect(await countAll(server, ledgerCollections)).toEqual(before)
    })

    it('should let a district admin adjust in a community of their district', async () => {
      const admin = await server.as('demo-district-admin')
      const result = await admin.ok('points', 'adjust', { communityId: 'c-xingfu', userId: 'u-resident', amount: 1, reason: '街道表彰' })
      expect(result.entryId).toMatch(/^adjust:u-admin:/)
    })

    it.each([
      ['a resident', 'demo-resident'],
      ['a member', 'demo-member'],
      ['staff of another community', 'demo-staff-hexie'],
    ])("should forbid %s to list a community's accounts", async (_who, openid) => {
      const caller = await server.as(openid)
      expect(errorCode(await caller.call('points', 'accounts', { communityId: 'c-xingfu' }))).toBe('FORBIDDEN')
    })

    it("should keep balances and histories to their owner: no one can name another person's account", async () => {
      const staffHexie = await server.as('demo-staff-hexie')
      expect(errorCode(await staffHexie.call('points', 'balance', { communityId: 'c-xingfu' }))).toBe('FORBIDDEN')
      expect(errorCode(await staff.call('points', 'history', { userId: 'u-member' }))).toBe('VALIDATION_FAILED')
      const newcomer = await server.as('demo-newcomer')
      expect(errorCode(await newcomer.call('points', 'balance', {}))).toBe('NOT_REGISTERED')
      expect(errorCode(await server.anonymous.call('points', 'balance', { communityId: 'c-xingfu' }))).toBe('UNAUTHENTICATED')
    })
  })

  describe('bad input', () => {
    const valid = { communityId: 'c-xingfu', userId: 'u-resident', amount: 10, reason: '正常原因' }
    it.each([
      ['a zero amount', { ...valid, amount: 0 }],
      ['a fractional amount', { ...valid, amount: 1.5 }],
      ['an amount as text', { ...valid, amount: '10' }],
      ['an amount over 10000', { ...valid, amount: 10001 }],
      ['a debit over 10000', { ...valid, amount: -10001 }],
      ['a one-character reason', { ...valid, reason: '错' }],
      ['an oversized reason', { ...valid, reason: '因'.repeat(201) }],
      ['no reason', { communityId: 'c-xingfu', userId: 'u-resident', amount: 10 }],
      ['an unknown field', { ...valid, available: 999999 }],
      ['a wrong-typed userId', { ...valid, userId: 42 }],
    ])('should refuse an adjustment with %s and change nothing', async (_case, data) => {
      const before = await countAll(server, ledgerCollections)
      const response = await staff.call('points', 'adjust', data)
      expect(errorCode(response)).toBe('VALIDATION_FAILED')
      expect(await countAll(server, ledgerCollections)).toEqual(before)
    })

    it.each([
      ['a page of 0', { page: 0 }],
      ['a page size over 50', { pageSize: 51 }],
      ['a page as text', { page: '2' }],
    ])('should refuse a history request with %s', async (_case, data) => {
      const member = await server.as('demo-member')
      expect(errorCode(await member.call('points', 'history', data))).toBe('VALIDATION_FAILED')
    })
  })
})

describe('points: the audit', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.stop())

  const runAuditScript = () =>
    spawnSync(join(__dirname, '../../node_modules/.bin/tsx'), [join(__dirname, '../../scripts/audit.ts')], {
      env: { ...process.env, DATA_DIR: server.dataDir },
      encoding: 'utf8',
    })

  it('should pass on consistent data and say what it checked', async () => {
    await fund(server, 'c-xingfu', 'u-member', 7, 'audit-fund')
    const report = await auditLedger(server.db)
    expect(report).toMatchObject({ ok: true, problems: [] })
    expect(report.checked.accounts).toBeGreaterThanOrEqual(3)
    expect(report.checked.entries).toBe((await server.db.collection('entries').count()).total)
    expect(formatAuditReport(report)).toMatch(/checked \d+ accounts against \d+ entries[\s\S]*audit passed/)
    const run = runAuditScript()
    expect(run.stdout).toMatch(/checked \d+ accounts against \d+ entries/)
    expect(run.stdout).toMatch(/audit passed/)
    expect(run.status).toBe(0)
  })

  it('should fail, naming the account, when a balance is edited outside the ledger', async () => {
    const account = (await accountOf(server, 'u-resident'))!
    await server.db.collection('accounts').doc(account._id).update({ available: account.available + 50 })
    const report = await auditLedger(server.db)
    expect(report.ok).toBe(false)
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^account c-xingfu:u-resident: Σ entry amounts \d+ ≠ available \d+$/),
        expect.stringMatching(/^account c-xingfu:u-resident: Σ entries/),
      ]),
    )
    const run = runAuditScript()
    expect(run.stdout).toMatch(/checked \d+ accounts against \d+ entries/)
    expect(run.stdout).toMatch(/audit FAILED/)
    expect(run.stdout).toContain('c-xingfu:u-resident')
    expect(run.status).toBe(1)
    await server.db.collection('accounts').doc(account._id).update({ available: account.available })
  })

  it('should fail on a negative stock, a deleted entry and a held sum that does not match', async () => {
    await server.db.collection('items').doc('i-towel').update({ stock: -1 })
    const opening = (await server.db.collection<EntryDoc>('entries').where({ userId: 'u-staff', kind: 'adjust' }).limit(1).get()).data[0]
    await server.db.collection('entries').doc(opening._id).remove()
    await server.db.collection('accounts').doc('c-xingfu:u-member').update({ held: 0 })
    const { problems } = await auditLedger(server.db)
    expect(problems).toEqual(
      expect.arrayContaining([
        'item i-towel: stock -1 is negative or not whole',
        expect.stringMatching(/^account c-xingfu:u-staff: Σ entry amounts/),
        expect.stringMatching(/^account c-xingfu:u-member: held redemptions \d+ ≠ held 0$/),
      ]),
    )
  })

  it('should refuse to audit a data directory that has no database', () => {
    const run = spawnSync(join(__dirname, '../../node_modules/.bin/tsx'), [join(__dirname, '../../scripts/audit.ts')], {
      env: { ...process.env, DATA_DIR: join(server.dataDir, 'nowhere') },
      encoding: 'utf8',
    })
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/No local database/)
  })
})
