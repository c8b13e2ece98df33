import Taro from '@tarojs/taro'
import { ApiError, clientErrorMessages, newRequestId, unwrapEnvelope } from './envelope'
import { clearToken, getToken } from './session'

/** The deployed functions the app calls; each is one domain. */
export type FunctionName = 'suggestions' | 'users' | 'communities' | 'activities' | 'wishes' | 'points' | 'shop' | 'venues' | 'units' | 'dashboard' | 'members' | 'announcements' | 'reminders' | 'teams' | 'honours' | 'certificates' | 'certfiles'

export const LOGIN_PAGE = '/pages/login/index'

let cloudReady = false

/** Once, at app launch. The env comes from TARO_APP_CLOUD_ENV; empty means the project's default env. */
export function initCloud(): void {
  if (process.env.TARO_ENV !== 'weapp' || cloudReady) return
  const env = process.env.TARO_APP_CLOUD_ENV
  Taro.cloud.init(env ? { env, traceUser: true } : { traceUser: true })
  cloudReady = true
}

/**
 * Calls one action and returns its data, or throws ApiError. A caller that
 * retries an action applied once per request id passes the same `requestId`.
 */
export async function invoke<T>(fn: FunctionName, action: string, data: object, requestId: string = newRequestId()): Promise<T> {
  const request = { action, data, requestId }
  const body = process.env.TARO_ENV === 'weapp' ? await callCloud(fn, request) : await callHttp(`/api/${fn}`, request)
  try {
    return unwrapEnvelope<T>(body)
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') onUnauthenticated()
    throw error
  }
}

async function callCloud(name: string, data: object): Promise<unknown> {
  try {
    const response = await Taro.cloud.callFunction({ name, data })
    return response.result
  } catch (error) {
    throw new ApiError('NETWORK_ERROR', clientErrorMessages.NETWORK_ERROR, errorText(error))
  }
}

/** POST over HTTP (H5 and local dev). A non-2xx status still carries an envelope, so the body decides. */
export async function callHttp(url: string, data: object | undefined, method: 'GET' | 'POST' = 'POST'): Promise<unknown> {
  const token = getToken()
  try {
    const response = await Taro.request<unknown>({
      url,
      method,
      data,
      header: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
    })
    return response.data
  } catch (error) {
    throw new ApiError('NETWORK_ERROR', clientErrorMessages.NETWORK_ERROR, errorText(error))
  }
}

let redirecting = false

/**
 * H5 only: a missing or expired token sends the user to pick an identity.
 * Several calls can fail at once; one redirect is enough.
 */
function onUnauthenticated(): void {
  if (process.env.TARO_ENV !== 'h5' || redirecting) return
  clearToken()
  if (Taro.getCurrentInstance().router?.path.startsWith(LOGIN_PAGE)) return
  redirecting = true
  Taro.reLaunch({ url: LOGIN_PAGE }).finally(() => {
    redirecting = false
  })
}

const errorText = (error: unknown): string =>
  error instanceof Error ? error.message : typeof error === 'object' && error !== null && 'errMsg' in error ? String(error.errMsg) : String(error)
