import { join } from 'node:path'
import { artifacts, browserSuite, describeInBrowser, loginAs, on } from './browser'

describeInBrowser('the H5 app in Chromium', () => {
  const suite = browserSuite('smoke')

  it('should open the login page first, then show the demo resident their community home with data', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
    const started = Date.now()
    await loginAs(page, suite.server.url, 'demo-resident')
    await page.locator('.e2e-home-community', { hasText: '幸福社区' }).waitFor({ timeout: 15_000 })
    await page.locator('.e2e-activity-item').first().waitFor()
    await page.locator('.e2e-wish-item').first().waitFor()
    const firstScreenMs = Date.now() - started
    console.log(`e2e: login → home with data in ${firstScreenMs} ms`)
    const wishers = await page.locator('.e2e-wish-wisher').allTextContents()
    expect(wishers.length).toBeGreaterThan(0)
    expect(wishers.every((name) => name.includes('*'))).toBe(true)
    await page.screenshot({ path: join(artifacts, 'home-resident.png'), fullPage: true })
    await page.close()
  }, 60_000)

  it.each([
    ['demo-member', '张伟', 'member'],
    ['demo-staff', '王丽', 'staff'],
    ['demo-district-admin', '赵建国', 'district_admin'],
    ['demo-liaison', '陈刚', 'liaison'],
  ])('should show %s their own profile and role on 我的', async (openid, name, role) => {
    const page = await suite.browser.newPage({ viewport: { width: 390, height: 844 } })
    await loginAs(page, suite.server.url, openid)
    await page.locator('.e2e-home-community').waitFor({ timeout: 15_000 })
    await page.goto(`${suite.server.url}/#/pages/me/index`)
    await page.locator('.e2e-me-name', { hasText: name }).waitFor({ timeout: 15_000 })
    await page.locator(`.e2e-role-${role}`).first().waitFor()
    await page.screenshot({ path: join(artifacts, `me-${openid}.png`) })
    await page.close()
  }, 60_000)

  it('should offer 联络员工作台 on 我的 to a unit liaison and not to a resident', async () => {
    const liaison = await suite.phone('demo-liaison')
    await liaison.goto(`${suite.server.url}/#/pages/me/index`)
    await liaison.locator('.e2e-me-link-unit-workspace').click({ timeout: 15_000 })
    await on(liaison, 'unit-workspace').waitFor({ timeout: 15_000 })

    const resident = await suite.phone('demo-resident')
    await resident.goto(`${suite.server.url}/#/pages/me/index`)
    await on(resident, 'me').locator('.e2e-me-link-member-report').waitFor({ timeout: 15_000 })
    expect(await resident.locator('.e2e-me-link-unit-workspace').count()).toBe(0)
  }, 60_000)

  it('should show the staff console entry to staff and not to a resident', async () => {
    const staffPage = await suite.browser.newPage({ viewport: { width: 390, height: 844 } })
    await loginAs(staffPage, suite.server.url, 'demo-staff')
    await staffPage.locator('.e2e-home-community').waitFor({ timeout: 15_000 })
    await staffPage.locator('.e2e-tile-staff').waitFor()
    await staffPage.close()

    const residentPage = await suite.browser.newPage({ viewport: { width: 390, height: 844 } })
    await loginAs(residentPage, suite.server.url, 'demo-resident')
    await residentPage.locator('.e2e-home-community').waitFor({ timeout: 15_000 })
    await residentPage.locator('.e2e-tile-shop').waitFor()
    expect(await residentPage.locator('.e2e-tile-staff').count()).toBe(0)
    await residentPage.close()
  }, 60_000)

  it('should let a newcomer register from 我的 and then see their community', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 390, height: 844 } })
    await loginAs(page, suite.server.url, 'demo-newcomer')
    await page.goto(`${suite.server.url}/#/pages/me/index`)
    await page.locator('.e2e-register-form').waitFor({ timeout: 15_000 })
    await page.locator('.e2e-register-name input').fill('周新')
    await page.locator('.e2e-register-phone input').fill('13911112222')
    await page.locator('.e2e-register-community').click()
    await page.locator('.e2e-community-option-c-hexie').click()
    await page.locator('.e2e-register-submit').click()
    await page.locator('.e2e-me-name', { hasText: '周新' }).waitFor({ timeout: 15_000 })
    const user = await suite.server.db.collection('users').where({ openid: 'demo-newcomer' }).limit(1).get()
    expect(user.data[0]).toMatchObject({ name: '周新', communityId: 'c-hexie' })
    await page.screenshot({ path: join(artifacts, 'me-newcomer-registered.png') })
    await page.close()
  }, 60_000)
})
