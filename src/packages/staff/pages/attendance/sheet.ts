import type { AttendanceRow, ConfirmResult } from '@/api'

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
