import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import type { AgreementDoc, InviteDoc, UnitDoc } from '../../cloudfunctions/lib/units/model'
import { roleDocId } from '../../cloudfunctions/lib/users/model'
import { startTestServer, type TestServer } from '../helpers/server'
import { artifacts, describeInBrowser, h5Dir, launchChromium, loginAs } from './browser'

const COMMUNITY_ID = 'c-xingfu'
const UNIT_NAME = `和平区图书馆（E2E ${Date.now().toString(36)}）`
const CONTACT = { name: '钱馆长', phone: '13700001111' }

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

  it('should let staff register a unit and invite a liaison who joins with the code once; residents see the unit without its contact', async () => {
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
    await shot(resident, '5-resident-detail')

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
