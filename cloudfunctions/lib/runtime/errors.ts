/**
 * The one error type of the back end, and the one place its codes map to a
 * response. Expected failures (a full quota, a wish already claimed) are
 * thrown as AppError with a stable code; anything else is a bug and leaves
 * the function as INTERNAL, without its stack.
 */

export const errorCatalog = {
  VALIDATION_FAILED: { status: 400, message: '提交的内容有误，请检查后再试' },
  UNKNOWN_ACTION: { status: 400, message: '不支持的操作' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  NOT_REGISTERED: { status: 403, message: '请先完成注册' },
  FORBIDDEN: { status: 403, message: '没有权限进行此操作' },
  NOT_FOUND: { status: 404, message: '内容不存在或已删除' },
  CONFLICT: { status: 409, message: '操作冲突，请刷新后再试' },
  ALREADY_EXISTS: { status: 409, message: '已经存在，无需重复操作' },
  INVALID_STATE: { status: 409, message: '当前状态下不能进行此操作' },
  QUOTA_FULL: { status: 409, message: '名额已满' },
  DEADLINE_PASSED: { status: 409, message: '已过截止时间' },
  INSUFFICIENT_POINTS: { status: 409, message: '积分不足' },
  OUT_OF_STOCK: { status: 409, message: '库存不足' },
  LIMIT_EXCEEDED: { status: 409, message: '已达到兑换上限' },
  ALREADY_CLAIMED: { status: 409, message: '已被他人认领' },
  NOT_CLAIMABLE: { status: 409, message: '当前不可认领' },
  SLOT_TAKEN: { status: 409, message: '该时段已被预约，请选择其他时段' },
  SLOT_PAST: { status: 409, message: '该时段已过，不能预约' },
  OUTSIDE_HOURS: { status: 409, message: '不在场地开放时间内' },
  BEYOND_WINDOW: { status: 409, message: '超出可预约的日期范围' },
  VENUE_CLOSED: { status: 409, message: '场地当天暂停开放' },
  OVER_CAPACITY: { status: 409, message: '参加人数超过场地容纳人数' },
  CUTOFF_PASSED: { status: 409, message: '已过取消截止时间，请联系社区工作人员' },
  CODE_INVALID: { status: 400, message: '验证码无效或已过期' },
  CONTENT_REJECTED: { status: 400, message: '内容含有不适宜的信息，请修改后再提交' },
  RATE_LIMITED: { status: 429, message: '操作太频繁，请稍后再试' },
  /** The function ran past its time limit (CloudBase stops it there); a bug to fix, logged as one. */
  TIMEOUT: { status: 504, message: '服务器处理超时，请稍后再试' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容太大，请删减后再试' },
  METHOD_NOT_ALLOWED: { status: 405, message: '请求方式不正确' },
  INTERNAL: { status: 500, message: '服务器开小差了，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>

export type ErrorCode = keyof typeof errorCatalog

export class AppError extends Error {
  readonly code: ErrorCode
  readonly details?: unknown

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? errorCatalog[code].message)
    this.name = 'AppError'
    this.code = code
    this.details = details
  }
}

export interface ErrorBody {
  code: ErrorCode
  message: string
  details?: unknown
}

/** Maps anything thrown to the body a caller may see. Bugs lose their stack here. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) {
    return error.details === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, details: error.details }
  }
  return { code: 'INTERNAL', message: errorCatalog.INTERNAL.message }
}

export function httpStatusOf(code: ErrorCode): number {
  return errorCatalog[code].status
}

export const fail = (code: ErrorCode, message?: string, details?: unknown): never => {
  throw new AppError(code, message, details)
}
