import type { Page } from 'playwright-core'
import { chinaYear } from '../../cloudfunctions/lib/shared/china-time'
import type { AgreementDoc, CommitmentDoc, InviteDoc, UnitDoc } from '../../cloudfunctions/lib/units/model'
import { roleDocId } from '../../cloudfunctions/lib/users/model'
import type { TestServer } from '../helpers/server'
import { browserSuite, describeInBrowser, on, pickPhoto } from './browser'

/** 和谐社区 has no seeded commitments: the report of this community and year counts only what the walk makes. */
const COMMUNITY_ID = 'c-hexie'
/** The year the app shows: Beijing's, which differs from the machine's clock for 8 hours around New Year. */
const YEAR = chinaYear(new Date())
const UNIT_NAME = `和平区图书馆（E2E ${Date.now().toString(36)}）`
const CONTACT = { name: '钱馆长', phone: '13700001111' }
const FIRST = '每月一次社区阅读角'
const SECOND = '寒假少儿读书会'
const DEMAND = '老年食堂需要志愿帮厨'
const HALL = '图书馆多功能厅'

async function unitByName(server: TestServer): Promise<UnitDoc> {
  const found = await server.db.collection<UnitDoc>('units').where({ name: UNIT_NAME }).limit(2).get()
  expect(found.data).toHaveLength(1)
  return found.data[0]
}

describeInBrowser('共驻共建, end to end in the H5 app', () => {
  const suite = browserSuite('units')
  const shot = (page: Page, name: string) => suite.shot(page, name)

  it('should let staff register a unit and invite a liaison who joins once, proposes two commitments, records progress with a photo and completes one that staff verify; a resident sees the unit without its contact and only the verified commitment, rates it once and finds it on the showcase; a resource is published, requested, accepted and provided; the 台账 shows 2 made, 1 completed and verified, 50%; a demand is claimed; a district admin sees the 街道; staff pair an existing unit and suspend ours', async () => {
    // A resident of 和谐社区: the newcomer registers there (the seeded residents live in 幸福社区).
    await (await suite.server.as('demo-newcomer')).ok('users', 'register', { name: '周敏', phone: '13800000099', communityId: COMMUNITY_ID })

    // ---- staff register the unit from the console's 共建单位 tool
    const staff = await suite.phone('demo-staff-hexie')
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

    const unit = await unitByName(suite.server)
    expect(unit).toMatchObject({ kind: '机关', partyOrg: '图书馆党支部', contact: CONTACT, status: 'active', communityIds: [COMMUNITY_ID] })
    const agreement = (await suite.server.db.collection<AgreementDoc>('agreements').doc(`${unit._id}:${COMMUNITY_ID}`).get()).data[0]
    expect(agreement).toMatchObject({ status: 'active' })

    // ---- staff make an invite code on 共建单位管理
    await staff.goto(`${suite.server.url}/#/packages/units/pages/manage/index?communityId=${COMMUNITY_ID}`)
    const manage = on(staff, 'unit-manage')
    await manage.locator(`.e2e-unit-${unit._id} .e2e-unit-invite`).click({ timeout: 15_000 })
    const codeView = staff.locator('.e2e-invite-code:visible')
    await codeView.waitFor({ timeout: 15_000 })
    const code = await codeView.getAttribute('data-code')
    expect(code).toMatch(/^[A-Z0-9]{8}$/)
    expect((await codeView.textContent())?.replace(/\s/g, '')).toBe(code)
    await shot(staff, '3-staff-invite')

    // ---- the member joins with the code, typed in lower case with a space, from the unit directory
    const member = await suite.phone('demo-member')
    await member.locator('.e2e-tile-units').click()
    await on(member, 'units').locator('.e2e-unit-join-entry').click({ timeout: 15_000 })
    const join = on(member, 'unit-join')
    await join.locator('.e2e-unit-code input').fill(`${code!.slice(0, 4).toLowerCase()} ${code!.slice(4).toLowerCase()}`, { timeout: 15_000 })
    await join.locator('.e2e-unit-join').click()
    await join.locator('.e2e-unit-joined-name', { hasText: UNIT_NAME }).waitFor({ timeout: 15_000 })
    await shot(member, '4-member-joined')
    expect((await suite.server.db.collection('roles').doc(roleDocId(unit._id, 'u-member', 'liaison')).get()).data[0]).toMatchObject({ role: 'liaison', scopeId: unit._id })
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
    const proposed = await suite.server.db.collection<CommitmentDoc>('commitments').where({ unitId: unit._id }).limit(10).get()
    expect(proposed.data.map((c) => [c.title, c.status, c.communityId])).toHaveLength(2)
    expect(proposed.data.map((c) => [c.title, c.status, c.communityId])).toEqual(
      expect.arrayContaining([
        [FIRST, 'proposed', COMMUNITY_ID],
        [SECOND, 'proposed', COMMUNITY_ID],
      ]),
    )

    // ---- staff agree to both on the same page
    await staff.goto(`${suite.server.url}/#/packages/units/pages/detail/index?id=${unit._id}`)
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
    await pickPhoto(member, member.locator('.e2e-commitment-photos:visible .e2e-photo-add'), 'reading.png')
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
    const done = await suite.server.db.collection<CommitmentDoc>('commitments').where({ unitId: unit._id }).limit(10).get()
    const byTitle = new Map(done.data.map((c) => [c.title, c]))
    expect(byTitle.get(FIRST)).toMatchObject({ status: 'verified', evidence: { note: '全年 12 次阅读角全部完成，签到表已交社区。', photos: [] } })
    expect(byTitle.get(FIRST)?.progress).toHaveLength(1)
    expect(byTitle.get(FIRST)?.progress[0].photos[0]).toMatch(/^\/uploads\/[0-9a-f]{32}\.png$/)
    expect(byTitle.get(SECOND)?.status).toBe('agreed')

    // ---- the code works once: a resident of 幸福社区 is refused and gains no grant
    const stranger = await suite.phone('demo-resident')
    await stranger.goto(`${suite.server.url}/#/packages/units/pages/join/index`)
    const again = on(stranger, 'unit-join')
    await again.locator('.e2e-unit-code input').fill(code!, { timeout: 15_000 })
    await again.locator('.e2e-unit-join').click()
    await stranger.getByText('邀请码无效或已过期').waitFor({ timeout: 15_000 })
    expect(await again.locator('.e2e-unit-joined').count()).toBe(0)
    expect((await suite.server.db.collection('roles').doc(roleDocId(unit._id, 'u-resident', 'liaison')).get()).data).toHaveLength(0)
    const invites = await suite.server.db.collection<InviteDoc>('invites').where({ unitId: unit._id }).limit(5).get()
    expect(invites.data.map((invite) => invite.usedBy)).toEqual(['u-member'])
    await stranger.close()

    // ---- a resident of 和谐社区 finds the unit in the directory; its detail shows no contact
    const resident = await suite.phone('demo-newcomer')
    const residentId = (await suite.server.db.collection('users').where({ openid: 'demo-newcomer' }).limit(1).get()).data[0]!._id
    await resident.goto(`${suite.server.url}/#/packages/units/pages/index/index`)
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

    // ---- the resident rates it (群众评议): four stars and a comment, once — then 评议 is no longer offered
    await verifiedCard.locator('.e2e-commitment-rate').click()
    await resident.locator('.e2e-commitment-score:visible .nut-rate-item').nth(3).click()
    await resident.locator('.e2e-commitment-note textarea:visible').fill('阅读角办得好，孩子很喜欢。')
    await resident.locator('.e2e-commitment-submit:visible').click()
    await verifiedCard.locator('.e2e-commitment-my-rating', { hasText: '★★★★' }).waitFor({ timeout: 15_000 })
    expect(await verifiedCard.locator('.e2e-commitment-rate').count()).toBe(0)
    const firstId = byTitle.get(FIRST)!._id
    const rating = (await suite.server.db.collection('ratings').doc(`${firstId}:${residentId}`).get()).data[0]
    expect(rating).toMatchObject({ score: 4, comment: '阅读角办得好，孩子很喜欢。' })
    await resident.reload()
    await on(resident, 'unit-detail').locator('.e2e-commitment', { hasText: FIRST }).locator('.e2e-commitment-my-rating').waitFor({ timeout: 15_000 })
    expect(await on(resident, 'unit-detail').locator('.e2e-commitment-rate').count()).toBe(0)
    await shot(resident, '5-resident-rated')

    // ---- the public 共建风采 page from the directory: the unit, its kept promise and its rating; no contact
    await resident.goto(`${suite.server.url}/#/packages/units/pages/index/index`)
    await on(resident, 'units').locator('.e2e-units-showcase-entry').click({ timeout: 15_000 })
    const showcase = on(resident, 'unit-showcase')
    const showcaseUnit = showcase.locator(`.e2e-showcase-unit-${unit._id}`)
    await showcaseUnit.locator(`.e2e-showcase-commitment-${firstId}`, { hasText: FIRST }).waitFor({ timeout: 15_000 })
    await showcaseUnit.locator('.e2e-showcase-rating', { hasText: '4.0 分（1 人）' }).waitFor()
    expect(await showcaseUnit.getByText(SECOND).count()).toBe(0)
    expect(await resident.content()).not.toContain(CONTACT.phone)
    await shot(resident, '5b-resident-showcase')

    // ---- 资源清单: the liaison publishes the hall from the workspace; staff request it from the unit's page
    await member.goto(`${suite.server.url}/#/packages/units/pages/index/index`)
    await on(member, 'units').locator('.e2e-unit-workspace-entry').click({ timeout: 15_000 })
    const workspace = on(member, 'unit-workspace')
    await workspace.locator('.e2e-workspace-unit', { hasText: UNIT_NAME }).waitFor({ timeout: 15_000 })
    await workspace.locator('.e2e-resource-publish-open').click()
    const publishResource = member.locator('.e2e-resource-publish:visible')
    await publishResource.locator('.e2e-resource-kind-场地').click({ timeout: 15_000 })
    await publishResource.locator('.e2e-resource-title-input input').fill(HALL)
    await publishResource.locator('.e2e-resource-description-input textarea').fill('可容纳 80 人，有投影和音响。')
    await publishResource.locator('.e2e-resource-availability-input input').fill('每周六全天')
    await publishResource.locator('.e2e-resource-publish-submit').click()
    await workspace.locator('.e2e-resource', { hasText: HALL }).waitFor({ timeout: 15_000 })

    await staff.goto(`${suite.server.url}/#/packages/units/pages/detail/index?id=${unit._id}`)
    const hall = on(staff, 'unit-detail').locator('.e2e-resource', { hasText: HALL })
    await hall.locator('.e2e-resource-request').click({ timeout: 15_000 })
    await staff.locator('.e2e-resource-request-note textarea:visible').fill('七一党课借用多功能厅')
    await staff.locator('.e2e-resource-request-submit:visible').click()
    await staff.getByText('已申请，等待单位答复').waitFor({ timeout: 15_000 })

    // ---- the liaison sees the request in the workspace and accepts it with a note
    await member.reload()
    const asked = on(member, 'unit-workspace').locator('.e2e-resource-req', { hasText: HALL })
    await asked.locator('.e2e-resource-req-status', { hasText: '待答复' }).waitFor({ timeout: 15_000 })
    await asked.getByText('和谐社区').waitFor()
    await asked.locator('.e2e-resource-req-accept').click()
    await member.locator('.e2e-resource-answer-note textarea:visible').fill('7 月 1 日上午可用')
    await member.locator('.e2e-resource-answer-submit:visible').click()
    await asked.locator('.e2e-resource-req-status', { hasText: '已同意' }).waitFor({ timeout: 15_000 })
    await shot(member, '6-liaison-accepted')

    // ---- staff follow it on the community's 资源清单 and mark it provided: one shared resource
    await staff.goto(`${suite.server.url}/#/packages/units/pages/resources/index?communityId=${COMMUNITY_ID}`)
    const resources = on(staff, 'unit-resources')
    await resources.locator('.e2e-resource', { hasText: HALL }).waitFor({ timeout: 15_000 })
    await resources.locator('.e2e-resources-tabs').getByText('申请记录').click()
    const provided = resources.locator('.e2e-resource-req', { hasText: HALL })
    await provided.locator('.e2e-resource-req-answer', { hasText: '7 月 1 日上午可用' }).waitFor({ timeout: 15_000 })
    await provided.locator('.e2e-resource-req-fulfil').click()
    await provided.locator('.e2e-resource-req-status', { hasText: '已提供' }).waitFor({ timeout: 15_000 })
    await shot(staff, '6b-staff-provided')
    const requests = await suite.server.db.collection('resourceRequests').where({ unitId: unit._id }).limit(5).get()
    expect(requests.data).toEqual([expect.objectContaining({ status: 'fulfilled', communityId: COMMUNITY_ID, answerNote: '7 月 1 日上午可用' })])

    // ---- staff open 共建台账 from the console: 2 made, 1 completed and verified, 50%
    await staff.goto(`${suite.server.url}/#/packages/staff/pages/index/index`)
    await on(staff, 'staff').locator('.e2e-staff-tool-unit-report').click({ timeout: 15_000 })
    const report = on(staff, 'unit-report')
    await report.locator('.e2e-report-scope', { hasText: '和谐社区' }).waitFor({ timeout: 15_000 })
    const tile = (key: string) => report.locator(`.e2e-report-${key} .report-tile-value`).textContent()
    expect(await tile('made')).toBe('2')
    // 已完成 counts finished commitments, verified or not, as the Excel does; 其中已验收 beside it.
    expect(await tile('completed')).toBe('1')
    expect(await tile('verified')).toBe('1')
    expect(await tile('rate')).toBe('50%')
    expect(await tile('resources')).toBe('1')
    expect(await tile('rating')).toBe('4.0')
    expect(await report.locator('.e2e-report-scope-switch').count()).toBe(0)
    const figures = await (await suite.server.as('demo-staff-hexie')).ok('units', 'report', { communityId: COMMUNITY_ID, year: YEAR })
    expect(figures).toMatchObject({ commitments: { made: 2, completed: 0, verified: 1, withdrawn: 0 }, completionRate: 0.5, resourcesShared: 1, averageRating: 4 })
    expect(await tile('units')).toBe(String(figures.unitsPaired))
    expect(figures.perUnit.find((row: { unitId: string }) => row.unitId === unit._id).commitments).toMatchObject({ made: 2, verified: 1 })
    await report.locator(`.e2e-report-unit-${unit._id}`).waitFor()
    await report.locator('.e2e-bar-chart').first().waitFor()
    await shot(staff, '7-staff-report')

    // ---- staff publish a demand from the console; the liaison claims it for the unit from the workspace, which adds an agreed commitment
    await staff.goto(`${suite.server.url}/#/packages/staff/pages/index/index`)
    await on(staff, 'staff').locator('.e2e-staff-tool-demands').click({ timeout: 15_000 })
    await on(staff, 'unit-demands').locator('.e2e-demand-publish-open').click({ timeout: 15_000 })
    const publish = staff.locator('.e2e-demand-publish:visible')
    await publish.locator('.e2e-demand-title-input input').fill(DEMAND, { timeout: 15_000 })
    await publish.locator('.e2e-demand-category-input input').fill('为老服务')
    await publish.locator('.e2e-demand-content-input textarea').fill('每周三中午需要 2 名志愿者帮厨。')
    await publish.locator('.e2e-demand-publish-submit').click()
    await on(staff, 'unit-demands').locator('.e2e-demand', { hasText: DEMAND }).locator('.e2e-demand-status', { hasText: '待认领' }).waitFor({ timeout: 15_000 })
    await on(member, 'unit-workspace').locator(`.e2e-workspace-demands-${COMMUNITY_ID}`).click()
    const demands = on(member, 'unit-demands')
    await demands.locator('.e2e-demand-acting', { hasText: UNIT_NAME }).waitFor({ timeout: 15_000 })
    const board = demands.locator('.e2e-demand', { hasText: DEMAND })
    await board.locator('.e2e-demand-claim').click({ timeout: 15_000 })
    await member.locator('.e2e-action-confirm:visible .e2e-action-confirm-text', { hasText: '由社区验收' }).waitFor({ timeout: 15_000 })
    await member.locator('.e2e-action-confirm:visible .nut-dialog-footer-ok').click()
    await board.locator('.e2e-demand-status', { hasText: '已认领' }).waitFor({ timeout: 15_000 })
    await board.locator('.e2e-demand-claimers', { hasText: UNIT_NAME }).waitFor()
    await shot(member, '8-member-claimed-demand')
    const linked = await suite.server.db.collection<CommitmentDoc>('commitments').where({ unitId: unit._id }).limit(10).get()
    expect(linked.data.filter((c) => c.demandId !== null).map((c) => [c.title, c.status])).toEqual([[DEMAND, 'agreed']])

    // ---- a district admin switches the 台账 to the whole 街道: the figures of both communities
    const admin = await suite.phone('demo-district-admin')
    await admin.goto(`${suite.server.url}/#/packages/units/pages/report/index?communityId=${COMMUNITY_ID}`)
    const districtReport = on(admin, 'unit-report')
    await districtReport.locator('.e2e-report-scope', { hasText: '和谐社区' }).waitFor({ timeout: 15_000 })
    await districtReport.locator('.e2e-report-scope-switch').getByText('全街道').click()
    const district = await (await suite.server.as('demo-district-admin')).ok('units', 'report', { districtId: 'd-heping', year: YEAR })
    await districtReport.locator('.e2e-report-scope', { hasText: district.scope.name }).waitFor({ timeout: 15_000 })
    const districtTile = (key: string) => districtReport.locator(`.e2e-report-${key} .report-tile-value`).textContent()
    expect(await districtTile('made')).toBe(String(district.commitments.made))
    expect(await districtTile('units')).toBe(String(district.unitsPaired))
    expect(district.commitments.made).toBeGreaterThan(3)
    await shot(admin, '9-district-report')
    await admin.close()

    // ---- staff pair an existing unit of 幸福社区 with 和谐社区, on the agreement's date
    await staff.goto(`${suite.server.url}/#/packages/units/pages/manage/index?communityId=${COMMUNITY_ID}`)
    const manageAgain = on(staff, 'unit-manage')
    await manageAgain.locator(`.e2e-unit-${unit._id}`).waitFor({ timeout: 15_000 })
    await manageAgain.locator('.e2e-unit-pair-open').click()
    await staff.locator('.e2e-unit-pair:visible .e2e-unit-pair-unit-school').click({ timeout: 15_000 })
    await staff.locator('.e2e-unit-pair-confirm:visible').click()
    await manageAgain.locator('.e2e-unit-unit-school').waitFor({ timeout: 15_000 })
    expect((await suite.server.db.collection<AgreementDoc>('agreements').doc(`unit-school:${COMMUNITY_ID}`).get()).data[0]).toMatchObject({ status: 'active', createdBy: 'u-staff-hexie' })

    // ---- staff suspend our pairing with a reason: the row offers reinstatement, the history keeps the reason
    const row = manageAgain.locator(`.e2e-unit-${unit._id}`)
    await row.locator('.e2e-unit-suspend').click({ timeout: 15_000 })
    await staff.locator('.e2e-unit-change-reason textarea:visible').fill('单位搬迁，暂停共建')
    await staff.locator('.e2e-unit-change-confirm:visible').click()
    await row.locator('.e2e-unit-reinstate').waitFor({ timeout: 15_000 })
    await shot(staff, '10-staff-suspended')
    expect((await suite.server.db.collection<AgreementDoc>('agreements').doc(`${unit._id}:${COMMUNITY_ID}`).get()).data[0]).toMatchObject({
      status: 'suspended',
      reason: '单位搬迁，暂停共建',
    })
  }, 240_000)
})
