import type { ActivityDetail, ActivityType, PointsRuleKind, PublishInput } from '@/api'
import { defaultSchedule } from '@/utils/schedule'

/**
 * The publish form as typed: numbers stay text until submit, so a half-typed
 * "1." is not rounded away under the cursor. The rules mirror the server's
 * (lib/activities/service.ts); the server checks again and has the last word.
 */
export interface ActivityForm {
  type: ActivityType
  title: string
  place: string
  description: string
  startAt: Date
  endAt: Date
  signupDeadline: Date
  quota: string
  pointsKind: PointsRuleKind
  points: string
  maxHours: string
}

export type FormField = keyof ActivityForm

const DAY = 24 * 3600 * 1000
const MAX_DAYS = 7

export function emptyForm(now: Date): ActivityForm {
  return {
    type: '志愿服务',
    title: '',
    place: '',
    description: '',
    ...defaultSchedule(now),
    quota: '20',
    pointsKind: 'perHour',
    points: '10',
    maxHours: '2',
  }
}

export function formFrom(activity: ActivityDetail): ActivityForm {
  return {
    type: activity.type,
    title: activity.title,
    place: activity.place,
    description: activity.description,
    startAt: new Date(activity.startAt),
    endAt: new Date(activity.endAt),
    signupDeadline: new Date(activity.signupDeadline),
    quota: String(activity.quota),
    pointsKind: activity.pointsRule.kind,
    points: String(activity.pointsRule.points),
    maxHours: String(activity.maxHours),
  }
}

const isInteger = (text: string) => /^\d+$/.test(text.trim())
const isDecimal = (text: string) => /^\d+(\.\d+)?$/.test(text.trim())

/** The first problem, in the order the form shows its fields; null when the form can be sent. */
export function formProblem(form: ActivityForm, now: Date): { field: FormField; message: string } | null {
  const title = form.title.trim()
  if (title.length === 0) return { field: 'title', message: '请填写活动标题' }
  if (title.length > 60) return { field: 'title', message: '标题不能超过 60 个字' }
  const place = form.place.trim()
  if (place.length === 0) return { field: 'place', message: '请填写活动地点' }
  if (place.length > 100) return { field: 'place', message: '地点不能超过 100 个字' }
  if (form.endAt.getTime() <= form.startAt.getTime()) return { field: 'endAt', message: '结束时间必须晚于开始时间' }
  if (form.endAt.getTime() - form.startAt.getTime() > MAX_DAYS * DAY) return { field: 'endAt', message: `活动时长不能超过 ${MAX_DAYS} 天` }
  if (form.endAt.getTime() <= now.getTime()) return { field: 'endAt', message: '结束时间已过' }
  if (form.signupDeadline.getTime() > form.startAt.getTime()) return { field: 'signupDeadline', message: '报名截止时间不能晚于开始时间' }
  const quota = Number(form.quota)
  if (!isInteger(form.quota) || quota < 1 || quota > 10_000) return { field: 'quota', message: '名额须为 1 到 10000 的整数' }
  const points = Number(form.points)
  if (!isInteger(form.points) || points > 1000) return { field: 'points', message: '积分须为 0 到 1000 的整数' }
  const maxHours = Number(form.maxHours)
  if (!isDecimal(form.maxHours) || maxHours <= 0 || maxHours > 24) return { field: 'maxHours', message: '最多计时须大于 0、不超过 24 小时' }
  if (form.description.trim().length > 2000) return { field: 'description', message: '活动介绍不能超过 2000 字' }
  return null
}

/** What publish and update send; call only when formProblem is null. */
export function toActivityFields(form: ActivityForm): Omit<PublishInput, 'communityId'> {
  return {
    type: form.type,
    title: form.title.trim(),
    place: form.place.trim(),
    description: form.description.trim(),
    startAt: form.startAt.toISOString(),
    endAt: form.endAt.toISOString(),
    signupDeadline: form.signupDeadline.toISOString(),
    quota: Number(form.quota),
    pointsRule: { kind: form.pointsKind, points: Number(form.points) },
    maxHours: Number(form.maxHours),
  }
}
