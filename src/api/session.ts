import Taro from '@tarojs/taro'

/**
 * The H5 session token from the dev login. The mini-program never needs one:
 * there the platform tells the function who is calling.
 */
const TOKEN_KEY = 'tongxin.token'

export function getToken(): string | null {
  const value: unknown = Taro.getStorageSync(TOKEN_KEY)
  return typeof value === 'string' && value !== '' ? value : null
}

export function setToken(token: string): void {
  Taro.setStorageSync(TOKEN_KEY, token)
}

export function clearToken(): void {
  Taro.removeStorageSync(TOKEN_KEY)
}

/**
 * Who the caller is changed (dev login, registration, profile edit). Tab pages
 * stay mounted, so they listen for this instead of reloading on every show.
 */
const SESSION_CHANGED = 'tongxin:session-changed'

export function emitSessionChanged(): void {
  Taro.eventCenter.trigger(SESSION_CHANGED)
}

export function onSessionChanged(listener: () => void): () => void {
  Taro.eventCenter.on(SESSION_CHANGED, listener)
  return () => {
    Taro.eventCenter.off(SESSION_CHANGED, listener)
  }
}
