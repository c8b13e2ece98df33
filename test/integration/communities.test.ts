import { codeOf, startTestServer, type TestServer } from '../helpers/server'

const DAY = 24 * 3600 * 1000

describe('communities: settings', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.stop())

  it('should default the redemption and claim periods to 14 days and a wish to 10 points', async () => {
    const staff = await server.as('demo-staff')
    expect(await staff.ok('communities', 'settings', { communityId: 'c-xingfu' })).toEqual({ redemptionDays: 14, claimDays: 14, wishPoints: 10, reportActivityTarget: 2, reportSuggestionTarget: 1, starHours: [100, 300, 600, 1000, 1500] })
  })

  it('should let staff shorten the redemption period, apply it to new redemptions and keep an audit line', async () => {
    const staff = await server.as('demo-staff')
    expect(await staff.ok('communities', 'updateSettings', { communityId: 'c-xingfu', redemptionDays: 3, reason: '年底盘点' })).toEqual({ redemptionDays: 3, claimDays: 14, wishPoints: 10, reportActivityTarget: 2, reportSuggestionTarget: 1, starHours: [100, 300, 600, 1000, 1500] })
    const member = await server.as('demo-member')
    const before = Date.now()
    const redemption = await member.ok('shop', 'redeem', { itemId: 'i-towel' })
    const expiresIn = new Date(redemption.expiresAt).getTime() - before
    expect(expiresIn).toBeGreaterThan(3 * DAY - 60_000)
    expect(expiresIn).toBeLessThan(3 * DAY + 60_000)
    const audit = await server.db.collection('audit').where({ targetId: 'c-xingfu', kind: 'community.settings' }).limit(5).get()
    expect(audit.data).toHaveLength(1)
    expect(audit.data[0]).toMatchObject({ actorId: 'u-staff', reason: '年底盘点', detail: { redemptionDays: { from: 14, to: 3 } } })
  })

  it("should refuse residents, members and another community's staff, and change nothing", async () => {
    for (const openid of ['demo-resident', 'demo-member', 'demo-staff-hexie']) {
      const caller = await server.as(openid)
      expect(codeOf(await caller.call('communities', 'updateSettings', { communityId: 'c-xingfu', redemptionDays: 30 }))).toBe('FORBIDDEN')
    }
    const community = await server.db.collection('communities').doc('c-xingfu').get()
    expect((community.data[0] as { settings?: unknown }).settings).toEqual({ redemptionDays: 3 })
  })

  it.each([0, 366, 1.5, '7', null])('should refuse a redemption period of %p', async (redemptionDays) => {
    const staff = await server.as('demo-staff')
    expect(codeOf(await staff.call('communities', 'updateSettings', { communityId: 'c-xingfu', redemptionDays }))).toBe('VALIDATION_FAILED')
  })

  it.each([{ claimDays: 0 }, { claimDays: 91 }, { wishPoints: -1 }, { wishPoints: 2.5 }, {}])('should refuse settings %p and change nothing', async (settings) => {
    const staff = await server.as('demo-staff')
    expect(codeOf(await staff.call('communities', 'updateSettings', { communityId: 'c-xingfu', ...settings }))).toBe('VALIDATION_FAILED')
    const community = await server.db.collection('communities').doc('c-xingfu').get()
    expect((community.data[0] as { settings?: unknown }).settings).toEqual({ redemptionDays: 3 })
  })

  it('should change the claim period and wish points alone, keeping the redemption period', async () => {
    const staff = await server.as('demo-staff')
    expect(await staff.ok('communities', 'updateSettings', { communityId: 'c-xingfu', claimDays: 7, wishPoints: 20 })).toEqual({ redemptionDays: 3, claimDays: 7, wishPoints: 20, reportActivityTarget: 2, reportSuggestionTarget: 1, starHours: [100, 300, 600, 1000, 1500] })
    expect(await staff.ok('communities', 'settings', { communityId: 'c-xingfu' })).toEqual({ redemptionDays: 3, claimDays: 7, wishPoints: 20, reportActivityTarget: 2, reportSuggestionTarget: 1, starHours: [100, 300, 600, 1000, 1500] })
  })

  it('should replace the 星级 thresholds whole, and refuse ones that do not rise', async () => {
    const staff = await server.as('demo-staff')
    const changed = await staff.ok('communities', 'updateSettings', { communityId: 'c-xingfu', starHours: [50, 200, 500, 900, 1400] })
    expect(changed.starHours).toEqual([50, 200, 500, 900, 1400])
    expect((await staff.ok('communities', 'settings', { communityId: 'c-xingfu' })).starHours).toEqual([50, 200, 500, 900, 1400])
    const falling = await staff.call('communities', 'updateSettings', { communityId: 'c-xingfu', starHours: [100, 300, 300, 1000, 1500] })
    expect(falling.ok ? 'OK' : falling.error.code).toBe('VALIDATION_FAILED')
    const short = await staff.call('communities', 'updateSettings', { communityId: 'c-xingfu', starHours: [100, 300] })
    expect(short.ok ? 'OK' : short.error.code).toBe('VALIDATION_FAILED')
    await staff.ok('communities', 'updateSettings', { communityId: 'c-xingfu', starHours: [100, 300, 600, 1000, 1500] })
  })
})

describe('communities: the home page', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.stop())

  it('should show a wish whose claim is overdue as open again, and release the claim once', async () => {
    await server.db.collection('wishes').doc('w-visit').update({ claimDueAt: new Date(Date.now() - 1000) })
    const home = await server.anonymous.ok('communities', 'overview', { communityId: 'c-xingfu' })
    expect(home.latestWishes.find((wish: { id: string }) => wish.id === 'w-visit')).toMatchObject({ status: 'open' })
    expect((await server.db.collection('wishes').doc('w-visit').get()).data[0]).toMatchObject({ status: 'open' })
    const claims = await server.db.collection<{ _id: string; status: string }>('claims').where({ wishId: 'w-visit' }).limit(10).get()
    expect(claims.data.map((claim) => claim.status)).toEqual(['expired'])
  })
})
