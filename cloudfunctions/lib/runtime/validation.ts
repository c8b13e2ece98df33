import * as z from 'zod'
import zhCN from 'zod/v4/locales/zh-CN.cjs'
import { AppError } from './errors'

// Users read these messages: zod's own texts in Chinese, prefixed by the field.
// Only this locale is imported: `z.locales` would bundle all of them (≈ 0.8 MB per function).
z.config(zhCN())

export interface FieldIssue {
  path: string
  message: string
}

/**
 * What users call the fields they fill in. The message names the field in
 * Chinese; `details.issues[].path` keeps the code name for the app.
 */
const fieldLabels: Record<string, string> = {
  name: '姓名',
  phone: '手机号',
  communityId: '社区',
  building: '楼栋门牌',
  keyword: '关键字',
  role: '角色',
  reason: '原因',
  userId: '用户',
  page: '页码',
  pageSize: '每页条数',
  type: '类型',
  category: '类别',
  status: '状态',
  title: '标题',
  description: '描述',
  place: '地点',
  quota: '名额',
  startAt: '开始时间',
  endAt: '结束时间',
  signupDeadline: '报名截止时间',
  maxHours: '最多计入时长',
  pointsRule: '积分规则',
  points: '积分',
  coverUrl: '封面图片',
  checkInAt: '签到时间',
  checkOutAt: '签退时间',
  userIds: '人员',
  code: '验证码',
  volunteerNo: '志愿者编号',
  activityId: '活动',
  itemId: '商品',
  redemptionId: '兑换记录',
  amount: '积分数',
  pricePoints: '兑换积分',
  stock: '库存',
  perPersonLimit: '每人限兑',
  delta: '数量',
  photoUrl: '图片',
  onShelf: '上架状态',
  signedAt: '签订日期',
  deadline: '截止日期',
  partyJoinedAt: '入党日期',
  wishedBy: '期望完成日期',
  date: '日期',
  from: '开始日期',
  to: '结束日期',
}

export function labelOf(path: string): string {
  const last = path.split('.').pop() ?? ''
  return fieldLabels[last] ?? path
}

export function validationError(error: z.ZodError, lead = '提交的内容有误'): AppError {
  const issues: FieldIssue[] = error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))
  const first = issues[0]
  const message = first ? `${lead}：${first.path ? `${labelOf(first.path)} ` : ''}${first.message}` : lead
  return new AppError('VALIDATION_FAILED', message, { issues })
}
