import type { WishCategory } from '@/api'
import { formatDate } from '@/utils/format'

export interface WishForm {
  title: string
  story: string
  category: WishCategory | ''
  /** YYYY-MM-DD, or '' for no date. */
  wishedBy: string
  photos: string[]
}

export interface BeneficiaryForm {
  name: string
  phone: string
  address: string
}

const MOBILE = /^1[3-9]\d{9}$/

/** The first thing wrong with the form, in field order, as the user should read it; null when it can be sent. */
export function wishProblem(form: WishForm, today: string): string | null {
  const title = form.title.trim()
  if (title.length < 2 || title.length > 40) return '心愿标题 2–40 个字'
  const story = form.story.trim()
  if (story.length < 1 || story.length > 500) return '请写几句心愿的情况（500 字以内）'
  if (form.category === '') return '请选择心愿类别'
  if (form.wishedBy !== '' && form.wishedBy < today) return '期望实现日期不能早于今天'
  if (form.photos.length > 6) return '最多 6 张照片'
  return null
}

export function beneficiaryProblem(form: BeneficiaryForm): string | null {
  const name = form.name.trim()
  if (name.length < 1 || name.length > 20) return '请填写心愿人姓名（20 字以内）'
  const phone = form.phone.trim()
  if (phone !== '' && !MOBILE.test(phone)) return '手机号格式不对；没有手机可不填'
  const address = form.address.trim()
  if (address.length < 1 || address.length > 100) return '请填写住址（100 字以内），方便认领人上门'
  return null
}

/** The day of an ISO instant in China (UTC+8), as YYYY-MM-DD: the form's "today", whatever the phone's zone. */
export const dayOf = (iso: string): string => formatDate(iso)
