import type { MemberReportStatus } from '@/api'

export const reportStatusLabels: Record<MemberReportStatus, string> = {
  submitted: '待审核',
  confirmed: '已报到',
  returned: '已退回',
}

/** Words people separate a list with when they type it: 、，, and spaces. */
export const splitList = (text: string): string[] =>
  [...new Set(text.split(/[、,，;；\s]+/).map((part) => part.trim()).filter(Boolean))]
