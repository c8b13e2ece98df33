import type { Page } from 'playwright-core'
import type { AccountDoc } from '../../cloudfunctions/lib/points/model'
import { defaultCommunitySettings } from '../../cloudfunctions/lib/users/model'
import type { ClaimDoc, WishDoc } from '../../cloudfunctions/lib/wishes/model'
import type { TestServer } from '../helpers/server'
import { browserSuite, describeInBrowser, exactly, on, pickPhoto } from './browser'

const COMMUNITY_ID = 'c-xingfu'
const MEMBER_ID = 'u-member'
const TITLE = `想请人帮忙换个灯泡（E2E ${Date.now().toString(36)}）`
const WISHER = { name: '刘秀英', masked: '刘*英', phone: '13800000001' }

async function accountOf(server: TestServer, userId = MEMBER_ID): Promise<AccountDoc | undefined> {
  return (await server.db.collection<AccountDoc>('accounts').doc(`${COMMUNITY_ID}:${userId}`).get()).data[0]
}

async function wishByTitle(server: TestServer, title = TITLE): Promise<WishDoc> {
  const found = await server.db.collection<WishDoc>('wishes').where({ title }).limit(2).get()
  expect(found.data).toHaveLength(1)
  return found.data[0]
}

describeInBrowser('微心愿, end to end in the H5 app', () => {
  const suite = browserSuite('wish')
  const shot = (page: Page, name: string) => suite.shot(page, name)

  it('should take a wish from a resident post through review, a masked wall, claim, fulfilment with a photo and confirmation to the member’s points', async () => {
    const wishPoints = defaultCommunitySettings.wishPoints
    const availableBefore = (await accountOf(suite.server))?.available ?? 0

    // ---- the resident posts a wish with a photo from the 心愿 tab
    const resident = await suite.phone('demo-resident')
    await resident.goto(`${suite.server.url}/#/pages/wishes/index`)
    await on(resident, 'wishes').locator('.e2e-wish-post').click({ timeout: 15_000 })
    const form = on(resident, 'wish-post')
    await form.locator('.e2e-wish-title-input input').fill(TITLE, { timeout: 15_000 })
    await form.locator('.e2e-wish-story-input textarea').fill('厨房的灯泡坏了，我腿脚不便，爬不上梯子。')
    await form.locator('.e2e-category-维修帮办').click()
    await pickPhoto(resident, form.locator('.e2e-wish-photos .e2e-photo-add'), 'kitchen.png')
    await form.locator('.e2e-photo-picked').waitFor({ timeout: 15_000 })
    await shot(resident, '1-resident-post')
    await form.locator('.e2e-wish-submit').click()
    // A new wish waits for review: the resident lands on 我的心愿 and sees it there, not on the wall.
    await on(resident, 'my-wishes').locator('.e2e-my-wish', { hasText: TITLE }).locator('.e2e-my-wish-status', { hasText: '待审核' }).waitFor({ timeout: 15_000 })
    await shot(resident, '1b-resident-my-wishes')

    const posted = await wishByTitle(suite.server)
    expect(posted).toMatchObject({ communityId: COMMUNITY_ID, wisherId: 'u-resident', status: 'pending', category: '维修帮办' })
    expect(posted.photos).toHaveLength(1)
    expect(posted.photos[0]).toMatch(/^\/uploads\/[0-9a-f]{32}\.png$/)
    const wishId = posted._id

    // ---- staff approve it in the review queue, reached from the console
    const staff = await suite.phone('demo-staff')
    await staff.locator('.e2e-tile-staff').click()
    await on(staff, 'staff').locator('.e2e-staff-tool-wish-review').click({ timeout: 15_000 })
    const queue = on(staff, 'wish-review')
    const item = queue.locator(`.e2e-review-${wishId}`)
    await item.locator('.e2e-wish-photo').waitFor({ timeout: 15_000 })
    await queue.locator('.e2e-review-count-pending .review-count-value').waitFor()
    await shot(staff, '2-staff-review')
    await item.locator('.e2e-review-approve').click()
    await item.waitFor({ state: 'detached', timeout: 15_000 })
    expect((await wishByTitle(suite.server)).status).toBe('open')

    // ---- the member sees it on the wall with the name masked, and no contact before claiming
    const member = await suite.phone('demo-member')
    await member.goto(`${suite.server.url}/#/pages/wishes/index`)
    const card = on(member, 'wishes').locator(`.e2e-wish-${wishId}`)
    await card.locator('.e2e-wish-wisher', { hasText: exactly(WISHER.masked) }).waitFor({ timeout: 15_000 })
    expect(await on(member, 'wishes').textContent()).not.toContain(WISHER.name)
    await shot(member, '3-member-wall')
    await card.click()
    const detail = on(member, 'wish-detail')
    await detail.locator('.e2e-wish-title', { hasText: TITLE }).waitFor({ timeout: 15_000 })
    await detail.locator('.e2e-wish-detail-wisher', { hasText: WISHER.masked }).waitFor()
    expect(await detail.locator('.e2e-wish-contact').count()).toBe(0)
    const publicText = (await detail.textContent()) ?? ''
    expect(publicText).not.toContain(WISHER.name)
    expect(publicText).not.toContain(WISHER.phone)

    // ---- claims it and sees the contact card
    await detail.locator('.e2e-wish-claim').click()
    // A sheet says what claiming means before it happens.
    const claimSheet = member.locator('.e2e-action-confirm:visible')
    await claimSheet.locator('.e2e-action-confirm-text', { hasText: '一个心愿只能由一方认领' }).waitFor({ timeout: 15_000 })
    await claimSheet.locator('.nut-dialog-footer-ok').click()
    await detail.locator('.e2e-contact-phone', { hasText: WISHER.phone }).waitFor({ timeout: 15_000 })
    await detail.locator('.e2e-contact-name', { hasText: WISHER.name }).waitFor()
    await detail.locator('.e2e-wish-status', { hasText: '已认领' }).waitFor()
    await shot(member, '4-member-claimed')
    const claims = await suite.server.db.collection<ClaimDoc>('claims').where({ wishId }).limit(5).get()
    expect(claims.data).toHaveLength(1)
    expect(claims.data[0]).toMatchObject({ claimerType: 'member', claimerId: MEMBER_ID, actorId: MEMBER_ID, status: 'active' })

    // ---- fulfils it with a note and a photo
    await detail.locator('.e2e-wish-fulfil').click()
    const fulfilSheet = member.locator('.e2e-fulfil-sheet:visible')
    await fulfilSheet.locator('.e2e-fulfil-note textarea').fill('灯泡已换好，顺便检查了开关。', { timeout: 15_000 })
    await pickPhoto(member, fulfilSheet.locator('.e2e-photo-add'), 'done.png')
    await fulfilSheet.locator('.e2e-photo-picked').waitFor({ timeout: 15_000 })
    await fulfilSheet.locator('.e2e-fulfil-submit').click()
    await detail.locator('.e2e-wish-fulfilment .e2e-wish-photo').waitFor({ timeout: 15_000 })
    await detail.locator('.e2e-wish-status', { hasText: '已圆梦' }).waitFor()
    await shot(member, '5-member-fulfilled')
    const fulfilled = await wishByTitle(suite.server)
    expect(fulfilled.status).toBe('fulfilled')
    expect(fulfilled.fulfilment?.photos).toHaveLength(1)
    expect((await accountOf(suite.server))?.available ?? 0).toBe(availableBefore)
    await member.goto(`${suite.server.url}/#/packages/wishes/pages/claims/index`)
    await on(member, 'my-claims').locator(`.e2e-my-claim-${wishId} .e2e-my-claim-status`, { hasText: '待确认' }).waitFor({ timeout: 15_000 })
    await shot(member, '5b-member-my-claims')

    // ---- the resident, still on 我的心愿, refreshes it (a reload: pull-down cannot be driven on H5),
    // sees the wish fulfilled and confirms it with four stars and a 微故事
    await resident.reload()
    const myWish = on(resident, 'my-wishes').locator(`.e2e-my-wish-${wishId}`)
    await myWish.locator('.e2e-my-wish-status', { hasText: '已圆梦' }).waitFor({ timeout: 15_000 })
    await myWish.click()
    const residentDetail = on(resident, 'wish-detail')
    await residentDetail.locator('.e2e-wish-confirm').click({ timeout: 15_000 })
    const confirmSheet = resident.locator('.e2e-confirm-sheet:visible')
    await confirmSheet.locator('.nut-rate-item').nth(3).click({ timeout: 15_000 })
    await confirmSheet.locator('.e2e-confirm-comment textarea').fill('来得很快，谢谢！')
    await confirmSheet.locator('.e2e-confirm-story textarea').fill('小张师傅半小时就来了，厨房又亮堂了。')
    await confirmSheet.locator('.e2e-confirm-submit').click()
    await residentDetail.locator('.e2e-wish-status', { hasText: '已确认' }).waitFor({ timeout: 15_000 })
    await residentDetail.locator('.e2e-wish-micro-story').waitFor()
    await shot(resident, '6-resident-confirmed')
    const confirmed = await wishByTitle(suite.server)
    expect(confirmed.status).toBe('confirmed')
    expect(confirmed.confirmation).toMatchObject({ rating: 4, comment: '来得很快，谢谢！' })

    // ---- the member's points rose by the community's wish points, on 我的 and in the ledger
    await member.goto(`${suite.server.url}/#/pages/me/index`)
    await on(member, 'me').locator('.e2e-points-available .me-figure-value', { hasText: exactly(availableBefore + wishPoints) }).waitFor({ timeout: 15_000 })
    await shot(member, '7-member-points')
    expect((await accountOf(suite.server))?.available).toBe(availableBefore + wishPoints)
    const awards = await suite.server.db.collection('entries').where({ refId: wishId }).limit(5).get()
    expect(awards.data).toHaveLength(1)
  }, 180_000)

  it('should let staff post for a neighbour without a phone, a liaison claim it for their unit in large-text mode, and staff confirm it for the neighbour', async () => {
    const title = `想请人陪着去医院复查（E2E ${Date.now().toString(36)}）`
    const neighbour = { name: '钱桂芝', masked: '钱*芝', address: '幸福小区 8 栋 1 单元 401' }
    const wishPoints = defaultCommunitySettings.wishPoints
    const liaisonBefore = (await accountOf(suite.server, 'u-liaison'))?.available ?? 0

    // ---- staff post from the console; a staff post needs no review and goes straight to the wall
    const staff = await suite.phone('demo-staff')
    await staff.locator('.e2e-tile-staff').click()
    await on(staff, 'staff').locator('.e2e-staff-tool-wish-post-for').click({ timeout: 15_000 })
    const form = on(staff, 'wish-post')
    await form.locator('.e2e-beneficiary-name input').fill(neighbour.name, { timeout: 15_000 })
    await form.locator('.e2e-beneficiary-address input').fill(neighbour.address)
    await form.locator('.e2e-wish-title-input input').fill(title)
    await form.locator('.e2e-wish-story-input textarea').fill('独居，下周三要去区医院复查，想有人陪同。')
    await form.locator('.e2e-category-陪伴服务').click()
    await shot(staff, 'n1-staff-post-for')
    await form.locator('.e2e-wish-submit').click()
    await on(staff, 'staff').waitFor({ timeout: 15_000 })
    const posted = await wishByTitle(suite.server, title)
    expect(posted).toMatchObject({ status: 'open', wisherId: null, beneficiary: { name: neighbour.name, phone: '', address: neighbour.address } })

    // ---- the liaison, with large text on, finds it masked on the wall and claims it for the unit
    const liaison = await suite.phone('demo-liaison')
    await liaison.goto(`${suite.server.url}/#/pages/me/index`)
    await on(liaison, 'me').locator('.e2e-large-text-switch').click({ timeout: 15_000 })
    await liaison.locator('.e2e-page-me.tx-large:visible').waitFor()
    await liaison.goto(`${suite.server.url}/#/pages/wishes/index`)
    const card = on(liaison, 'wishes').locator(`.e2e-wish-${posted._id}`)
    await card.locator('.e2e-wish-wisher', { hasText: exactly(neighbour.masked) }).waitFor({ timeout: 15_000 })
    await card.click()
    const detail = on(liaison, 'wish-detail')
    await detail.locator('.e2e-wish-claim-unit').waitFor({ timeout: 15_000 })
    expect(await detail.locator('.e2e-wish-claim').count()).toBe(0)
    expect((await detail.textContent()) ?? '').not.toContain(neighbour.address)
    expect(await liaison.locator('.e2e-page-wish-detail.tx-large:visible').count()).toBe(1)
    await detail.locator('.e2e-wish-claim-unit').click()
    await liaison.locator('.e2e-action-confirm:visible .nut-dialog-footer-ok').click({ timeout: 15_000 })
    await detail.locator('.e2e-contact-address', { hasText: neighbour.address }).waitFor({ timeout: 15_000 })
    await detail.locator('.e2e-contact-phone', { hasText: '无电话' }).waitFor()
    await detail.locator('.e2e-wish-claimer', { hasText: '第一实验小学' }).waitFor()
    await shot(liaison, 'n2-liaison-claimed-large-text')
    const claims = await suite.server.db.collection<ClaimDoc>('claims').where({ wishId: posted._id }).limit(5).get()
    expect(claims.data).toHaveLength(1)
    expect(claims.data[0]).toMatchObject({ claimerType: 'unit', claimerId: 'unit-school', actorId: 'u-liaison', status: 'active' })

    // ---- fulfils it without photos
    await detail.locator('.e2e-wish-fulfil').click()
    const fulfilSheet = liaison.locator('.e2e-fulfil-sheet:visible')
    await fulfilSheet.locator('.e2e-fulfil-note textarea').fill('学校两位老师陪同复查，结果一切正常。', { timeout: 15_000 })
    await fulfilSheet.locator('.e2e-fulfil-submit').click()
    await detail.locator('.e2e-wish-awaiting-confirm').waitFor({ timeout: 15_000 })
    expect(await detail.locator('.e2e-wish-confirm').count()).toBe(0)

    // ---- the neighbour has no account: staff confirm for them from the detail, and see the history
    await staff.goto(`${suite.server.url}/#/packages/wishes/pages/detail/index?id=${posted._id}`)
    const staffDetail = on(staff, 'wish-detail')
    await staffDetail.locator('.e2e-wish-history-row').first().waitFor({ timeout: 15_000 })
    await staffDetail.locator('.e2e-wish-confirm').click()
    // No star is chosen in advance (ratings start empty everywhere): staff give the neighbour's five stars.
    await staff.locator('.e2e-confirm-sheet:visible .nut-rate-item').nth(4).click({ timeout: 15_000 })
    await staff.locator('.e2e-confirm-sheet:visible .e2e-confirm-submit').click({ timeout: 15_000 })
    await staffDetail.locator('.e2e-wish-status', { hasText: '已确认' }).waitFor({ timeout: 15_000 })
    await shot(staff, 'n3-staff-confirmed')
    expect((await wishByTitle(suite.server, title)).confirmation).toMatchObject({ rating: 5 })

    // ---- the liaison, who claimed for the unit, earns the wish points
    await liaison.goto(`${suite.server.url}/#/pages/me/index`)
    await on(liaison, 'me').locator('.e2e-points-available .me-figure-value', { hasText: exactly(liaisonBefore + wishPoints) }).waitFor({ timeout: 15_000 })
    expect((await accountOf(suite.server, 'u-liaison'))?.available).toBe(liaisonBefore + wishPoints)
  }, 180_000)

  it('should let staff reject a pending wish from its detail with a reason the wisher then reads on 我的心愿', async () => {
    const reason = '请写明想学的是哪家医院的挂号'
    const staff = await suite.phone('demo-staff')
    await staff.goto(`${suite.server.url}/#/packages/wishes/pages/detail/index?id=w-pending`)
    const detail = on(staff, 'wish-detail')
    await detail.locator('.e2e-wish-reject').click({ timeout: 15_000 })
    const sheet = staff.locator('.e2e-reject-sheet:visible')
    await sheet.locator('.e2e-reject-submit').click({ timeout: 15_000 })
    await staff.locator('.nut-toast-text', { hasText: '请写明退回原因' }).waitFor({ timeout: 15_000 })
    expect((await suite.server.db.collection<WishDoc>('wishes').doc('w-pending').get()).data[0].status).toBe('pending')
    await sheet.locator('.e2e-reject-reason textarea').fill(reason)
    await sheet.locator('.e2e-reject-submit').click()
    await detail.locator('.e2e-wish-status', { hasText: '未通过' }).waitFor({ timeout: 15_000 })
    expect((await suite.server.db.collection<WishDoc>('wishes').doc('w-pending').get()).data[0]).toMatchObject({ status: 'rejected', rejectReason: reason })

    const resident = await suite.phone('demo-resident')
    await resident.goto(`${suite.server.url}/#/packages/wishes/pages/mine/index`)
    const row = on(resident, 'my-wishes').locator('.e2e-my-wish-w-pending')
    await row.locator('.e2e-my-wish-reject', { hasText: reason }).waitFor({ timeout: 15_000 })
    await row.locator('.e2e-my-wish-status', { hasText: '未通过' }).waitFor()
    expect(await row.locator('.e2e-my-wish-edit').count()).toBe(0)
    await shot(resident, 'r1-resident-rejected')
  }, 120_000)
})
