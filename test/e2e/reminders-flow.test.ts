import type { ReminderDoc } from '../../cloudfunctions/lib/reminders'
import { browserSuite, describeInBrowser, on } from './browser'

describeInBrowser('消息提醒 in the H5 app', () => {
  const suite = browserSuite('reminders')

  it('should show a member their seeded messages, the wisher the claim of their wish, and staff both in 提醒发送记录', async () => {
    // ---- 张伟 opens 我的 → 我的消息: last week's activity reminder and today's 政治生日 (the demo seed's)
    const member = await suite.phone('demo-member')
    await member.goto(`${suite.server.url}/#/pages/me/index`)
    await member.locator('.e2e-me-link-messages').click({ timeout: 15_000 })
    const messages = on(member, 'messages')
    await messages.locator('.e2e-message-party_anniversary', { hasText: '政治生日快乐' }).waitFor({ timeout: 15_000 })
    await messages.locator('.e2e-message-activity_tomorrow', { hasText: '垃圾分类宣传' }).waitFor()
    await suite.shot(member, 'reminders-1-member-messages')

    // ---- 张伟 claims 刘秀英's wish; she finds it in her messages, his name masked as on the wall
    await (await suite.server.as('demo-member')).ok('wishes', 'claim', { wishId: 'w-lamp' })
    const resident = await suite.phone('demo-resident')
    await resident.goto(`${suite.server.url}/#/packages/reminders/pages/index/index`)
    const claimed = on(resident, 'messages').locator('.e2e-message-wish_claimed')
    await claimed.waitFor({ timeout: 15_000 })
    expect(await claimed.textContent()).toContain('已被张*认领')
    await suite.shot(resident, 'reminders-2-resident-claimed')
    const stored = (await suite.server.db.collection<ReminderDoc>('reminders').where({ userId: 'u-resident', reason: 'wish_claimed' }).limit(10).get()).data
    expect(stored).toHaveLength(1)

    // ---- 王丽 opens 提醒发送记录 from the console: the new one waits to be sent, the seeded ones stayed local
    const staff = await suite.phone('demo-staff')
    await staff.locator('.e2e-tile-staff').click()
    await staff.locator('.e2e-staff-tool-reminder-outbox').click({ timeout: 15_000 })
    const outbox = on(staff, 'reminder-outbox')
    await outbox.locator('.e2e-outbox-queued', { hasText: '刘秀英' }).waitFor({ timeout: 15_000 })
    await outbox.locator('.e2e-outbox-outbox', { hasText: '张伟' }).first().waitFor()
    await suite.shot(staff, 'reminders-3-staff-outbox')
    await outbox.locator('.e2e-outbox-filter').getByText('待发送', { exact: true }).click()
    await outbox.locator('.e2e-outbox-outbox').first().waitFor({ state: 'detached', timeout: 15_000 })
    expect(await outbox.locator('.e2e-outbox-row').count()).toBe(1)
  }, 120_000)
})
