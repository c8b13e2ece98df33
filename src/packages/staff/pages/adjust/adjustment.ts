/** The adjust form's checks, mirroring points.adjust's schema: a non-zero integer up to 10000 either way, and a reason. */
export function adjustmentProblem(hasPerson: boolean, amount: string, reason: string): string | null {
  if (!hasPerson) return '请选择居民'
  if (!/^[+-]?\d+$/.test(amount.trim())) return '积分须为整数，扣减填负数'
  const value = Number(amount)
  if (value === 0) return '调整积分不能为 0'
  if (Math.abs(value) > 10_000) return '一次最多调整 10000 积分'
  const trimmed = reason.trim()
  if (trimmed.length < 2) return '请填写调整原因（至少 2 个字）'
  if (trimmed.length > 200) return '原因不能超过 200 个字'
  return null
}
