import type { Page } from 'playwright-core'
import type { SuggestionDoc } from '../../cloudfunctions/lib/suggestions/model'
import { browserSuite, describeInBrowser, on } from './browser'

const TITLE = `单元门禁坏了（E2E ${Date.now().toString(36)}）`

describeInBrowser('意见建议, end to end in the H5 app', () => {
  const suite = browserSuite('suggestion')
  const shot = (page: Page, name: string) => suite.shot(page, name)

  it('should take a member’s suggestion through accept, assign, reply and close by staff to the member’s rating and the public list', async () => {
    // ---- the member submits from the home tile
    const member = await suite.phone('demo-member')
    await member.locator('.e2e-tile-suggestions').click()
    await on(member, 'suggestion-public').locator('.e2e-suggestion-public-submit').click({ timeout: 15_000 })
    const form = on(member, 'suggestion-submit')
    await form.locator('.e2e-suggestion-category-设施维修').click({ timeout: 15_000 })
    await form.locator('.e2e-suggestion-title input').fill(TITLE)
    await form.locator('.e2e-suggestion-content textarea').fill('8 栋 1 单元的门禁坏了三天，外人随便进出。')
    await form.locator('.e2e-suggestion-anonymous').click()
    await shot(member, '1-member-submit')
    await form.locator('.e2e-suggestion-submit').click()
    await on(member, 'suggestion-detail').locator('.e2e-suggestion-submitted').waitFor({ timeout: 15_000 })
    await shot(member, '1b-member-detail')
    const found = await suite.server.db.collection<SuggestionDoc>('suggestions').where({ title: TITLE }).limit(2).get()
    expect(found.data).toHaveLength(1)
    expect(found.data[0]).toMatchObject({ userId: 'u-member', status: 'submitted', anonymous: true, category: '设施维修' })
    const suggestionId = found.data[0]._id

    // ---- staff handle it from the console
    const staff = await suite.phone('demo-staff')
    await staff.locator('.e2e-tile-staff').click()
    await on(staff, 'staff').locator('.e2e-staff-tool-suggestions').click({ timeout: 15_000 })
    const manage = on(staff, 'suggestion-manage')
    const card = manage.locator(`.e2e-suggestion-card-${suggestionId}`)
    await card.waitFor({ timeout: 15_000 })
    // 待受理 counts the seeded ones and the member's new one, from the same list the server keeps.
    const waiting = await suite.server.db.collection<SuggestionDoc>('suggestions').where({ communityId: 'c-xingfu', status: 'submitted' }).count()
    await manage.locator('.e2e-suggestion-pending-count', { hasText: String(waiting.total) }).waitFor({ timeout: 15_000 })
    await expect(card.textContent()).resolves.toContain('张伟（匿名）')
    await shot(staff, '2a-staff-queue')
    await card.click()
    const detail = on(staff, 'suggestion-detail')
    await detail.locator('.e2e-suggestion-accept').click({ timeout: 15_000 })
    await detail.locator('.e2e-suggestion-accepted').waitFor({ timeout: 15_000 })
    await detail.locator('.e2e-suggestion-assign').click()
    await staff.locator('.e2e-assign-sheet .e2e-assign-handler input').fill('幸福物业服务中心')
    await staff.locator('.e2e-assign-sheet .e2e-assign-submit').click()
    await detail.locator('.e2e-suggestion-assigned').waitFor({ timeout: 15_000 })
    await detail.locator('.e2e-suggestion-reply-open').click()
    await staff.locator('.e2e-reply-sheet .e2e-reply-text textarea').fill('已通知物业，今天下午更换门禁主板。')
    await staff.locator('.e2e-reply-sheet .e2e-reply-submit').click()
    await detail.locator('.e2e-suggestion-replied').waitFor({ timeout: 15_000 })
    await detail.locator('.e2e-suggestion-close-open').click()
    await staff.locator('.e2e-close-sheet .e2e-close-text textarea').fill('门禁主板已更换，恢复正常。')
    await staff.locator('.e2e-close-sheet .e2e-close-submit').click()
    await detail.locator('.e2e-suggestion-closed').waitFor({ timeout: 15_000 })
    await shot(staff, '2-staff-closed')

    // ---- the member rates it from 我的 → 我的建议
    await member.goto(`${suite.server.url}/#/pages/me/index`)
    await on(member, 'me').locator('.e2e-me-link-suggestions').click({ timeout: 15_000 })
    await on(member, 'my-suggestions').locator(`.e2e-suggestion-card-${suggestionId}`).click({ timeout: 15_000 })
    const mine = on(member, 'suggestion-detail')
    await mine.locator('.e2e-suggestion-step-close').waitFor({ timeout: 15_000 })
    await mine.locator('.e2e-suggestion-rate-score .nut-rate-item').nth(3).click()
    await mine.locator('.e2e-suggestion-rate-comment textarea').fill('修得很快')
    await mine.locator('.e2e-suggestion-rate-submit').click()
    await mine.locator('.e2e-suggestion-rating').waitFor({ timeout: 15_000 })
    await shot(member, '3-member-rated')
    const rated = (await suite.server.db.collection<SuggestionDoc>('suggestions').doc(suggestionId).get()).data[0]
    expect(rated).toMatchObject({ status: 'closed', rating: { score: 4, comment: '修得很快' }, assignee: { name: '幸福物业服务中心' } })
    expect(rated.history.map((entry) => entry.action)).toEqual(['submit', 'accept', 'assign', 'reply', 'close', 'rate'])

    // ---- anyone in the community reads it, anonymised, in 办结公示
    const resident = await suite.phone('demo-resident')
    await resident.locator('.e2e-tile-suggestions').click()
    const item = on(resident, 'suggestion-public').locator(`.e2e-suggestion-public-${suggestionId}`)
    await item.waitFor({ timeout: 15_000 })
    await expect(item.textContent()).resolves.toContain('匿名居民')
    await expect(item.textContent()).resolves.not.toContain('张伟')
    await shot(resident, '4-public')
  }, 180_000)
})
