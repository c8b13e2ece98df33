const MOBILE = /^1[3-9]\d{9}$/

/**
 * The phone number checked as it is typed: quiet while it could still become
 * a mobile number, a message as soon as it cannot (a wrong first digits, a
 * letter) or once it is 11 digits and wrong.
 */
export function phoneAsTyped(phone: string): string | null {
  const value = phone.trim()
  if (value === '') return null
  if (!/^\d+$/.test(value)) return '手机号只能是数字'
  if (!/^1([3-9]\d*)?$/.test(value.slice(0, Math.min(value.length, 2)))) return '手机号以 13–19 开头'
  if (value.length === 11 && !MOBILE.test(value)) return '手机号格式不对'
  return null
}

export type RegisterField = 'name' | 'phone' | 'communityId'

/** Everything wrong at once, by field; empty when the form can be sent. */
export function registerProblems(form: { name: string; phone: string; communityId: string }): Partial<Record<RegisterField, string>> {
  const problems: Partial<Record<RegisterField, string>> = {}
  if (!form.name.trim()) problems.name = '请填写姓名'
  const phone = form.phone.trim()
  if (!phone) problems.phone = '请填写手机号'
  else if (!MOBILE.test(phone)) problems.phone = phoneAsTyped(phone) ?? '请填写 11 位手机号'
  if (!form.communityId) problems.communityId = '请选择所在社区'
  return problems
}
