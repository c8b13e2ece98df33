import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import type { AgreementDoc, CommitmentDoc, InviteDoc, UnitDoc } from '../../cloudfunctions/lib/units/model'
import { roleDocId } from '../../cloudfunctions/lib/users/model'
import { startTestServer, type TestServer } from '../helpers/server'
import { artifacts, describeInBrowser, h5Dir, launchChromium, loginAs } from './browser'

const COMMUNITY_ID = 'c-xingfu'
const UNIT_NAME = `和平区图书馆（E2E ${Date.now().toString(36)}）`
const CONTACT = { name: '钱馆长', phone: '13700001111' }
const FIRST = '每月一次社区阅读角'
const SECOND = '寒假少儿读书会'
const DEMAND = '老年食堂需要志愿帮厨'

/** A real 2×2 PNG: the server reads the type from the bytes, so a fake would be refused. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4ISYLRAwQCgAeLgPtNNgDzAAAAABJRU5ErkJggg==',
  'base64',
)

/** One person's phone: its own storage (the H5 session token), China time like the people using it. */
async function phoneOf(browser: Browser, baseUrl: string, openid: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' })
  const page = await context.newPage()
  await loginAs(page, baseUrl, openid)
  await page.locator('.e2e-home-community').waitFor({ timeout: 15_000 })
  return page
}

/** H5 keeps pages the user left in the DOM, hidden: every lookup goes through the page meant. */
const on = (page: Page, name: string) => page.locator(`.e2e-page-${name}:visible`)

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400)
  await page.screenshot({ path: join(artifacts, `units-${name}.png`), fullPage: true })
}

async function unitByName(server: TestServer): Promise<UnitDoc> {
  const found = await server.db.collection<UnitDoc>('units').where({ name: UNIT_NAME }).limit(2).get()
  expect(found.data).toHaveLength(1)
  return found.data[0]
}

describeInBrowser('共驻共建, end to end in the H5 app', () => {
  let server: TestServer
  let browser: Browser
  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true })
    server = await startTestServer({ h5Dir })
    browser = await launchChromium()
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  const phones: Page[] = []
  afterEach(async () => {
    for (const [index, page] of phones.entries()) {
      if (!page.isClosed()) await page.screenshot({ path: join(artifacts, `units-last-${index}.png`), fullPage: true }).catch(() => undefined)
    }
  })

  it('should let staff register a unit and invite a liaison who joins once, proposes two commitments, records progress with a photo and completes one that staff verify; residents see the unit without its contact and only the verified commitment; a demand staff publish is claimed by the unit; the 台账 shows the report figures; a resident rates the verified one', async () => {
    // ---- staff register the unit from the console's 共建单位 tool
    const staff = await phoneOf(browser, server.url, 'demo-staff')
    phones.push(staff)
    await staff.locator('.e2e-tile-staff').click()
    await on(staff, 'staff').locator('.e2e-staff-tool-units').click({ timeout: 15_000 })
    await on(staff, 'unit-manage').locator('.e2e-unit-register-open').click({ timeout: 15_000 })
    const form = on(staff, 'unit-register')
    await form.locator('.e2e-unit-name-input input').fill(UNIT_NAME, { timeout: 15_000 })
    await form.locator('.e2e-unit-kind-机关').click()
    await form.locator('.e2e-unit-party-input input').fill('图书馆党支部')
    await form.locator('.e2e-unit-address-input input').fill('和平路 88 号')
    await form.locator('.e2e-unit-contact-name input').fill(CONTACT.name)
    await form.locator('.e2e-unit-contact-phone input').fill(CONTACT.phone)
    await shot(staff, '1-staff-register')
    await form.locator('.e2e-unit-register').click()
    // Registering lands on the unit's detail: staff of the paired community see the contact.
    const detail = on(staff, 'unit-detail')
    await detail.locator('.e2e-unit-name', { hasText: UNIT_NAME }).waitFor({ timeout: 15_000 })
    await detail.locator('.e2e-unit-contact', { hasText: CONTACT.phone }).waitFor()
    await detail.locator(`.e2e-unit-agreement-${COMMUNITY_ID}`, { hasText: '共建中' }).waitFor()
    await shot(staff, '2-staff-detail')

    const unit = await unitByName(server)
    expect(unit).toMatchObject({ kind: '机关', partyOrg: '图书馆党支部', contact: CONTACT, status: 'active', communityIds: [COMMUNITY_ID] })
    const agreement = (await server.db.collection<AgreementDoc>('agreements').doc(`${unit._id}:${COMMUNITY_ID}`).get()).data[0]
    expect(agreement).toMatchObject({ status: 'active' })

    // ---- staff make an invite code on 共建单位管理
    await staff.goto(`${server.url}/#/packages/units/pages/manage/index?communityId=${COMMUNITY_ID}`)
    const manage = on(staff, 'unit-manage')
    await manage.locator(`.e2e-unit-${unit._id} .e2e-unit-invite`).click({ timeout: 15_000 })
    const codeView = staff.locator('.e2e-invite-code:visible')
    await codeView.waitFor({ timeout: 15_000 })
    const code = await codeView.getAttribute('data-code')
    expect(code).toMatch(/^[A-Z0-9]{8}$/)
    expect((await codeView.textContent())?.replace(/\s/g, '')).toBe(code)
    await shot(staff, '3-staff-invite')

    // ---- the member joins with the code, typed in lower case with a space, from the unit directory
    const member = await phoneOf(browser, server.url, 'demo-member')
    phones.push(member)
    await member.locator('.e2e-tile-units').click()
    await on(member, 'units').locator('.e2e-unit-join-entry').click({ timeout: 15_000 })
    const join = on(member, 'unit-join')
    await join.locator('.e2e-unit-code input').fill(`${code!.slice(0, 4).toLowerCase()} ${code!.slice(4).toLowerCase()}`, { timeout: 15_000 })
    await join.locator('.e2e-unit-join').click()
    await join.locator('.e2e-unit-joined-name', { hasText: UNIT_NAME }).waitFor({ timeout: 15_000 })
    await shot(member, '4-member-joined')
    expect((await server.db.collection('roles').doc(roleDocId(unit._id, 'u-member', 'liaison')).get()).data[0]).toMatchObject({ role: 'liaison', scopeId: unit._id })
    // As the unit's liaison now, the member sees its contact on the detail.
    await join.locator('.e2e-unit-joined-open').click()
    await on(member, 'unit-detail').locator('.e2e-unit-contact', { hasText: CONTACT.phone }).waitFor({ timeout: 15_000 })

    // ---- the liaison proposes two commitments on the unit's page
    const memberDetail = on(member, 'unit-detail')
    for (const title of [FIRST, SECOND]) {
      await memberDetail.locator('.e2e-commitment-propose-open').click()
      const sheet = member.locator('.e2e-commitment-propose:visible')
      await sheet.locator('.e2e-commitment-title-input input').fill(title, { timeout: 15_000 })
      await sheet.locator('.e2e-commitment-category-input input').fill('文化服务')
      await sheet.locator('.e2e-commitment-content-input textarea').fill('每月在社区开设阅读角，提供图书借阅。')
      await sheet.locator('.e2e-commitment-measure-input input').fill('全年不少于 12 次')
      await sheet.locator('.e2e-commitment-propose-submit').click()
      await memberDetail.locator('.e2e-commitment', { hasText: title }).locator('.e2e-commitment-status', { hasText: '待确认' }).waitFor({ timeout: 15_000 })
    }
    await shot(member, '4b-member-proposed')
    const proposed = await server.db.collection<CommitmentDoc>('commitments').where({ unitId: unit._id }).limit(10).get()
    expect(proposed.data.map((c) => [c.title, c.status, c.communityId])).toHaveLength(2)
    expect(proposed.data.map((c) => [c.title, c.status, c.communityId])).toEqual(
      expect.arrayContaining([
        [FIRST, 'proposed', COMMUNITY_ID],
        [SECOND, 'proposed', COMMUNITY_ID],
      ]),
    )

    // ---- staff agree to both on the same page
    await staff.goto(`${server.url}/#/packages/units/pages/detail/index?id=${unit._id}`)
    const staffDetail = on(staff, 'unit-detail')
    for (const title of [FIRST, SECOND]) {
      const card = staffDetail.locator('.e2e-commitment', { hasText: title })
      await card.locator('.e2e-commitment-agree').click({ timeout: 15_000 })
      await card.locator('.e2e-commitment-status', { hasText: '已确认' }).waitFor({ timeout: 15_000 })
    }

    // ---- the liaison records progress with a photo, then completes the first with evidence
    await member.reload()
    const first = on(member, 'unit-detail').locator('.e2e-commitment', { hasText: FIRST })
    await first.locator('.e2e-commitment-status', { hasText: '已确认' }).waitFor({ timeout: 15_000 })
    await first.locator('.e2e-commitment-progress').click()
    await member.locator('.e2e-commitment-note textarea:visible').fill('11 月阅读角已开放，来了 20 位居民。')
    const [chooser] = await Promise.all([member.waitForEvent('filechooser', { timeout: 15_000 }), member.locator('.e2e-commitment-photos:visible .e2e-photo-add').click()])
    await chooser.setFiles({ name: 'reading.png', mimeType: 'image/png', buffer: PNG })
    await member.locator('.e2e-commitment-photos:visible .e2e-photo-picked').waitFor({ timeout: 15_000 })
    await member.locator('.e2e-commitment-submit:visible').click()
    await first.locator('.e2e-commitment-status', { hasText: '进行中' }).waitFor({ timeout: 15_000 })
    await first.locator('.e2e-wish-photo').first().waitFor()
    await first.locator('.e2e-commitment-complete').click()
    await member.locator('.e2e-commitment-note textarea:visible').fill('全年 12 次阅读角全部完成，签到表已交社区。')
    await member.locator('.e2e-commitment-submit:visible').click()
    await first.locator('.e2e-commitment-status', { hasText: '已完成' }).waitFor({ timeout: 15_000 })
    await shot(member, '4c-member-completed')

    // ---- staff verify it
    await staff.reload()
    const verifyCard = on(staff, 'unit-detail').locator('.e2e-commitment', { hasText: FIRST })
    await verifyCard.locator('.e2e-commitment-verify').click({ timeout: 15_000 })
    await verifyCard.locator('.e2e-commitment-status', { hasText: '已验收' }).waitFor({ timeout: 15_000 })
    const done = await server.db.collection<CommitmentDoc>('commitments').where({ unitId: unit._id }).limit(10).get()
    const byTitle = new Map(done.data.map((c) => [c.title, c]))
    expect(byTitle.get(FIRST)).toMatchObject({ status: 'verified', evidence: { note: '全年 12 次阅读角全部完成，签到表已交社区。', photos: [] } })
    expect(byTitle.get(FIRST)?.progress).toHaveLength(1)
    expect(byTitle.get(FIRST)?.progress[0].photos[0]).toMatch(/^\/uploads\/[0-9a-f]{32}\.png$/)
    expect(byTitle.get(SECOND)?.status).toBe('agreed')

    // ---- the code works once: the resident is refused and gains no grant
    const resident = await phoneOf(browser, server.url, 'demo-resident')
    phones.push(resident)
    await resident.goto(`${server.url}/#/packages/units/pages/join/index`)
    const again = on(resident, 'unit-join')
    await again.locator('.e2e-unit-code input').fill(code!, { timeout: 15_000 })
    await again.locator('.e2e-unit-join').click()
    await resident.getByText('邀请码无效或已过期').waitFor({ timeout: 15_000 })
    expect(await again.locator('.e2e-unit-joined').count()).toBe(0)
    expect((await server.db.collection('roles').doc(roleDocId(unit._id, 'u-resident', 'liaison')).get()).data).toHaveLength(0)
    const invites = await server.db.collection<InviteDoc>('invites').where({ unitId: unit._id }).limit(5).get()
    expect(invites.data.map((invite) => invite.usedBy)).toEqual(['u-member'])

    // ---- the resident finds the unit in the directory; its detail shows no contact
    await resident.goto(`${server.url}/#/packages/units/pages/index/index`)
    const directory = on(resident, 'units')
    await directory.locator(`.e2e-unit-${unit._id}`, { hasText: UNIT_NAME }).click({ timeout: 15_000 })
    const publicDetail = on(resident, 'unit-detail')
    await publicDetail.locator('.e2e-unit-name', { hasText: UNIT_NAME }).waitFor({ timeout: 15_000 })
    await publicDetail.locator(`.e2e-unit-agreement-${COMMUNITY_ID}`).waitFor()
    expect(await publicDetail.locator('.e2e-unit-contact').count()).toBe(0)
    expect(await resident.content()).not.toContain(CONTACT.phone)
    // The public sees the verified commitment only, and no buttons.
    await publicDetail.locator('.e2e-commitment', { hasText: FIRST }).locator('.e2e-commitment-status', { hasText: '已验收' }).waitFor({ timeout: 15_000 })
    expect(await publicDetail.locator('.e2e-commitment', { hasText: SECOND }).count()).toBe(0)
    await publicDetail.locator('.e2e-unit-resources', { hasText: '暂未公布可共享的资源' }).waitFor()
    const verifiedCard = publicDetail.locator('.e2e-commitment', { hasText: FIRST })
    expect(await verifiedCard.locator('.commitment-actions button, .commitment-actions .nut-button').allTextContents()).toEqual(['评议'])

    // ---- the resident rates it (群众评议): four stars and a comment, once
    await verifiedCard.locator('.e2e-commitment-rate').click()
    await resident.locator('.e2e-commitment-score:visible .nut-rate-item').nth(3).click()
    await resident.locator('.e2e-commitment-note textarea:visible').fill('阅读角办得好，孩子很喜欢。')
    await resident.locator('.e2e-commitment-submit:visible').click()
    await resident.getByText('已提交').waitFor({ timeout: 15_000 })
    const firstId = byTitle.get(FIRST)!._id
    const rating = (await server.db.collection('ratings').doc(`${firstId}:u-resident`).get()).data[0]
    expect(rating).toMatchObject({ score: 4, comment: '阅读角办得好，孩子很喜欢。' })
    await shot(resident, '5a-resident-rated')
    await shot(resident, '5-resident-detail')

    // ---- staff publish a demand from the console; the liaison claims it for the unit, which adds an agreed commitment
    await staff.goto(`${server.url}/#/packages/staff/pages/index/index`)
    await on(staff, 'staff').locator('.e2e-staff-tool-demands').click({ timeout: 15_000 })
    await on(staff, 'unit-demands').locator('.e2e-demand-publish-open').click({ timeout: 15_000 })
    const publish = staff.locator('.e2e-demand-publish:visible')
    await publish.locator('.e2e-demand-title-input input').fill(DEMAND, { timeout: 15_000 })
    await publish.locator('.e2e-demand-category-input input').fill('为老服务')
    await publish.locator('.e2e-demand-content-input textarea').fill('每周三中午需要 2 名志愿者帮厨。')
    await publish.locator('.e2e-demand-publish-submit').click()
    await on(staff, 'unit-demands').locator('.e2e-demand', { hasText: DEMAND }).locator('.e2e-demand-status', { hasText: '待认领' }).waitFor({ timeout: 15_000 })
    await member.goto(`${server.url}/#/packages/units/pages/demands/index`)
    const board = on(member, 'unit-demands').locator('.e2e-demand', { hasText: DEMAND })
    await board.locator('.e2e-demand-claim').click({ timeout: 15_000 })
    await board.locator('.e2e-demand-status', { hasText: '已认领' }).waitFor({ timeout: 15_000 })
    await board.locator('.e2e-demand-claimers', { hasText: UNIT_NAME }).waitFor()
    await shot(member, '5b-member-claimed-demand')
    const linked = await server.db.collection<CommitmentDoc>('commitments').where({ unitId: unit._id }).limit(10).get()
    expect(linked.data.filter((c) => c.demandId !== null).map((c) => [c.title, c.status])).toEqual([[DEMAND, 'agreed']])

    // ---- staff open 共建台账 from the console: the tiles show the report's figures, our verified commitment among them
    await staff.goto(`${server.url}/#/packages/staff/pages/index/index`)
    await on(staff, 'staff').locator('.e2e-staff-tool-unit-report').click({ timeout: 15_000 })
    const report = on(staff, 'unit-report')
    await report.locator('.e2e-report-scope', { hasText: '幸福社区' }).waitFor({ timeout: 15_000 })
    const figures = await (await server.as('demo-staff')).ok('units', 'report', { communityId: COMMUNITY_ID, year: new Date().getFullYear() })
    const tile = (key: string) => report.locator(`.e2e-report-${key} .report-tile-value`).textContent()
    expect(await tile('made')).toBe(String(figures.commitments.made))
    expect(await tile('verified')).toBe(String(figures.commitments.verified))
    expect(await tile('units')).toBe(String(figures.unitsPaired))
    expect(await tile('rate')).toBe(`${Math.round(figures.completionRate * 100)}%`)
    const ours = figures.perUnit.find((row: { unitId: string }) => row.unitId === unit._id)
    // Ours: the two proposals and the claimed demand, one of them verified.
    expect(ours.commitments).toMatchObject({ made: 3, verified: 1 })
    await report.locator(`.e2e-report-unit-${unit._id}`).waitFor()
    await report.locator('.e2e-bar-chart').first().waitFor()
    await shot(staff, '5c-staff-report')

    // ---- staff suspend the pairing with a reason: the row offers reinstatement, the history keeps the reason
    await staff.goto(`${server.url}/#/packages/units/pages/manage/index?communityId=${COMMUNITY_ID}`)
    const row = on(staff, 'unit-manage').locator(`.e2e-unit-${unit._id}`)
    await row.locator('.e2e-unit-suspend').click({ timeout: 15_000 })
    await staff.locator('.e2e-unit-change-reason textarea:visible').fill('单位搬迁，暂停共建')
    await staff.locator('.e2e-unit-change-confirm:visible').click()
    await row.locator('.e2e-unit-reinstate').waitFor({ timeout: 15_000 })
    await shot(staff, '6-staff-suspended')
    expect((await server.db.collection<AgreementDoc>('agreements').doc(`${unit._id}:${COMMUNITY_ID}`).get()).data[0]).toMatchObject({
      status: 'suspended',
      reason: '单位搬迁，暂停共建',
    })
  }, 120_000)
})
