import { ApiError } from '@/api/envelope'

/** Anything a load can throw, as the ApiError pages know how to show. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  return new ApiError('INTERNAL', '出了点问题，请稍后再试', error instanceof Error ? error.message : String(error))
}
