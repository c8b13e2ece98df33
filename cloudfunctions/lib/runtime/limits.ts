/**
 * The function's time limit. CloudBase stops a function at its configured
 * timeout (this project deploys every function with 10 s); the caller gets a
 * platform error and whatever the function had not yet written is lost. The
 * local server enforces the same limit (TONGXIN_FUNCTION_TIMEOUT_MS
 * overrides it), answers TIMEOUT and logs it like a bug: an action that can
 * run out of time must be made to work in bounded batches instead.
 */
import type { ApiResponse } from './envelope'
import { errorCatalog } from './errors'

/** The timeout every function is deployed with (scripts/functions.ts reads it from here). */
export const FUNCTION_TIMEOUT_SECONDS = 10

export function functionTimeoutFromEnv(env: Record<string, string | undefined>): number {
  const raw = env.TONGXIN_FUNCTION_TIMEOUT_MS
  if (raw === undefined || raw.trim() === '') return FUNCTION_TIMEOUT_SECONDS * 1000
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1 || value > 900_000) {
    throw new Error(`TONGXIN_FUNCTION_TIMEOUT_MS must be a whole number of milliseconds between 1 and 900000, got "${raw}"`)
  }
  return value
}

export const timeoutResponse = (): ApiResponse<never> => ({ ok: false, error: { code: 'TIMEOUT', message: errorCatalog.TIMEOUT.message } })

/**
 * Runs `work` with `ms` to finish. Past it, `signal` is aborted (the
 * instrumented database then refuses every further call, as a stopped
 * function makes none) and the answer is TIMEOUT; `onTimeout` logs it.
 */
export async function withinTimeout<R>(
  ms: number,
  work: (signal: AbortSignal) => Promise<ApiResponse<R>>,
  onTimeout: (ms: number) => void,
): Promise<ApiResponse<R>> {
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<ApiResponse<R>>((resolve) => {
    timer = setTimeout(() => {
      controller.abort()
      onTimeout(ms)
      resolve(timeoutResponse())
    }, ms)
  })
  const running = work(controller.signal)
  // A stopped function's own failure is not the caller's answer: TIMEOUT is.
  running.catch(() => undefined)
  try {
    return await Promise.race([running, expired])
  } finally {
    clearTimeout(timer)
  }
}
