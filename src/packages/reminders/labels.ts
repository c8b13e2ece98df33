import type { ReminderStatus } from '@/api'

/** What became of a reminder, in the words staff use when a resident asks "why didn't I get it?". */
export const reminderStatusLabels: Record<ReminderStatus, string> = {
  queued: '待发送',
  sending: '发送中',
  sent: '已发送',
  outbox: '本地留存',
  skipped: '未发送',
  no_consent: '未订阅',
  failed: '发送失败',
}

/** The ones staff look for; `skipped` and the local `outbox` show under 全部. */
export const reminderStatusOptions = ['all', 'queued', 'sent', 'no_consent', 'failed'] as const
export type ReminderStatusOption = (typeof reminderStatusOptions)[number]

export const statusOptionLabel = (option: ReminderStatusOption): string => (option === 'all' ? '全部' : reminderStatusLabels[option])

/** The fields a reminder carries, named for a person rather than for the template. */
export const reminderFieldLabels: Record<string, string> = {
  activity: '活动',
  time: '时间',
  place: '地点',
  wish: '心愿',
  claimer: '认领人',
  note: '说明',
  venue: '场地',
  item: '兑换',
  code: '领取码',
  name: '姓名',
  date: '入党日期',
  years: '纪念',
}
