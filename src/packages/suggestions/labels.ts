import type { SuggestionCategory, SuggestionStatus, TimelineAction } from './types'

/** The categories a resident picks from, in the order the form shows them. */
export const suggestionCategories: readonly SuggestionCategory[] = ['环境卫生', '治安安全', '物业管理', '设施维修', '邻里关系', '社区发展建议', '其他']

export const suggestionStatusLabels: Record<SuggestionStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  assigned: '办理中',
  replied: '已答复',
  closed: '已办结',
  declined: '不予受理',
  withdrawn: '已撤回',
}

/** Statuses shown in grey: the matter ended without being handled. */
export const endedWithoutHandling: readonly SuggestionStatus[] = ['declined', 'withdrawn']

export const stepLabels: Record<TimelineAction, string> = {
  submit: '提交建议',
  withdraw: '撤回',
  accept: '受理',
  decline: '不予受理',
  assign: '交办',
  reply: '答复',
  close: '办结',
  rate: '评价',
}

/** 收集民意 → 解决问题 → 办结反馈: which of the three stages a status has reached (0-based), or -1 when it ended early. */
export function stageOf(status: SuggestionStatus): number {
  if (status === 'submitted') return 0
  if (status === 'accepted' || status === 'assigned' || status === 'replied') return 1
  if (status === 'closed') return 2
  return -1
}

export const stages = ['收集民意', '解决问题', '办结反馈'] as const
