import type { ApiResponse } from '../../cloudfunctions/lib/runtime/envelope'
import type { ErrorCode } from '../../cloudfunctions/lib/runtime/errors'

/**
 * Codes the client makes up itself, for failures that never reached a
 * function (no network, a proxy's HTML error page).
 */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE'

export type ApiErrorCode = ErrorCode | ClientErrorCode

/** The one error every API call throws; pages show `message`, which is Chinese and meant for users. */
export class ApiError extends Error {
  readonly code: ApiErrorCode
  readonly details?: unknown

  constructor(code: ApiErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.details = details
  }
}

export const clientErrorMessages: Record<ClientErrorCode, string> = {
  NETWORK_ERROR: '网络异常，请检查网络后重试',
  BAD_RESPONSE: '服务器返回了无法识别的内容，请稍后再试',
}

function isEnvelope(value: unknown): value is ApiResponse<unknown> {
  if (typeof value !== 'object' || value === null) return false
  const ok = (value as { ok?: unknown }).ok
  if (ok === true) return 'data' in value
  if (ok !== false) return false
  const error = (value as { error?: unknown }).error
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  )
}

/**
 * Turns whatever came back into the action's data or an ApiError. The body is
 * checked, not trusted: a gateway can answer with HTML or nothing at all.
 */
export function unwrapEnvelope<T>(body: unknown): T {
  if (!isEnvelope(body)) throw new ApiError('BAD_RESPONSE', clientErrorMessages.BAD_RESPONSE, body)
  if (body.ok) return body.data as T
  const { code, message, details } = body.error
  throw new ApiError(code, message, details)
}

/** A fresh id per call, so one request can be followed through the function logs. */
export function newRequestId(random: () => number = Math.random, now: () => number = Date.now): string {
  const part = () => Math.floor(random() * 0x100000000).toString(16).padStart(8, '0')
  return `${now().toString(36)}-${part()}${part()}`
}
