import type { ActivityDetail, AttendanceRow, ConfirmResult } from '@/api'

/** Confirmation needs both ends of the span; anything else the server answers no_attendance. */
export const isConfirmable = (row: Pick<AttendanceRow, 'status' | 'checkInAt' | 'checkOutAt'>): boolean =>
  row.status === 'enrolled' && row.checkInAt !== null && row.checkOutAt !== null

const outcomeLabels: Record<ConfirmResult['result'], string> = {
  confirmed: '已确认',
  already_confirmed: '此前已确认',
  not_enrolled: '未报名',
  no_attendance: '缺少签到或签退',
  self: '不能确认本人',
  needs_acknowledge: '待核对异常',
}

/** One line for the toast: "已确认 3 人；缺少签到或签退 1 人". */
export function confirmSummary(results: ConfirmResult[]): string {
  const counts = new Map<ConfirmResult['result'], number>()
  for (const { result } of results) counts.set(result, (counts.get(result) ?? 0) + 1)
  const order = Object.keys(outcomeLabels) as Array<ConfirmResult['result']>
  const parts = order.filter((result) => counts.has(result)).map((result) => `${outcomeLabels[result]} ${counts.get(result)} 人`)
  return parts.length > 0 ? parts.join('；') : '没有需要确认的人'
}

export type AttendanceConcern = AttendanceRow['concerns'][number]

export const concernLabels: Record<AttendanceConcern, string> = {
  outside_time: '不在活动时间内',
  too_short: '时长过短',
}

/** What a confirmed attendance is worth; the server's creditFor (lib/activities/model.ts), here only to say it before staff confirm. */
export function creditOf(activity: Pick<ActivityDetail, 'maxHours' | 'pointsRule'>, row: Pick<AttendanceRow, 'checkInAt' | 'checkOutAt'>): { hours: number; points: number } {
  if (!row.checkInAt || !row.checkOutAt) return { hours: 0, points: 0 }
  const spanHours = Math.max(0, Date.parse(row.checkOutAt) - Date.parse(row.checkInAt)) / 3_600_000
  const hours = Math.round(Math.min(spanHours, activity.maxHours) * 100) / 100
  const points = activity.pointsRule.kind === 'fixed' ? activity.pointsRule.points : Math.round(activity.pointsRule.points * hours)
  return { hours, points }
}

/** The confirmation sheet's sentence: "确认后将为 12 人记入 36 小时、180 积分，不能撤回。" */
export function confirmationText(activity: Pick<ActivityDetail, 'maxHours' | 'pointsRule'>, rows: Array<Pick<AttendanceRow, 'checkInAt' | 'checkOutAt'>>): string {
  let hours = 0
  let points = 0
  for (const row of rows) {
    const credit = creditOf(activity, row)
    hours += credit.hours
    points += credit.points
  }
  return `确认后将为 ${rows.length} 人记入 ${Number(hours.toFixed(2))} 小时、${points} 积分，不能撤回。`
}
