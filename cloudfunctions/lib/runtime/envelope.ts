import type { ErrorBody } from './errors'

/** The request every function accepts: `{ action, data, requestId? }`. */
export interface ApiRequest {
  action: string
  data?: unknown
  requestId?: string
}

/** The response of every function. */
export type ApiResponse<T> = { ok: true; data: T } | { ok: false; error: ErrorBody }
