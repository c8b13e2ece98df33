import type { UnitKind } from '../../labels'

export interface UnitForm {
  name: string
  kind: UnitKind | ''
  partyOrg: string
  contactName: string
  contactPhone: string
  address: string
  /** `YYYY-MM-DD`, the day the 共建协议 was signed. */
  signedAt: string
}

export const emptyUnitForm = (today: string): UnitForm => ({
  name: '',
  kind: '',
  partyOrg: '',
  contactName: '',
  contactPhone: '',
  address: '',
  signedAt: today,
})

/** A local calendar day as the form holds it. */
export const dayOf = (date: Date): string =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`

const limits = { name: 40, partyOrg: 40, contactName: 20, address: 80 } as const
const labels = { name: '单位名称', partyOrg: '党组织名称', contactName: '联系人', address: '地址' } as const

/**
 * The first problem in the order the fields are shown, or null. The server
 * checks the same limits; checking here saves a round trip and names the field.
 */
export function unitFormProblem(form: UnitForm, today: string): string | null {
  for (const field of ['name', 'partyOrg'] as const) {
    const value = form[field].trim()
    if (!value) return `请填写${labels[field]}`
    if (value.length > limits[field]) return `${labels[field]}最多 ${limits[field]} 字`
  }
  if (!form.kind) return '请选择单位类型'
  const contactName = form.contactName.trim()
  if (!contactName) return '请填写联系人'
  if (contactName.length > limits.contactName) return `联系人最多 ${limits.contactName} 字`
  if (!/^1[3-9]\d{9}$/.test(form.contactPhone.trim())) return '请输入 11 位手机号'
  const address = form.address.trim()
  if (!address) return '请填写地址'
  if (address.length > limits.address) return `地址最多 ${limits.address} 字`
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.signedAt)) return '请选择签订日期'
  if (form.signedAt > today) return '签订日期不能晚于今天'
  return null
}

/** The register action's fields (everything but the community), trimmed. */
export function toRegisterFields(form: UnitForm & { kind: UnitKind }) {
  return {
    name: form.name.trim(),
    kind: form.kind,
    partyOrg: form.partyOrg.trim(),
    contact: { name: form.contactName.trim(), phone: form.contactPhone.trim() },
    address: form.address.trim(),
    // Noon local time: the day stays the same in any time zone the server formats it in.
    signedAt: `${form.signedAt}T12:00:00+08:00`,
  }
}
