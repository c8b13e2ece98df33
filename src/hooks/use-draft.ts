import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'

/**
 * A form that keeps what was typed: every change is stored on the device
 * under `key`, so leaving the page (back, a call, WeChat closing it) loses
 * nothing; `clear` forgets it once the form is sent.
 */
export function useDraft<T extends object>(key: string, initial: T): [T, (update: (previous: T) => T) => void, () => void, boolean] {
  const storageKey = `tongxin.draft.${key}`
  const [value, setValue] = useState<T>(() => {
    const stored = Taro.getStorageSync(storageKey) as Partial<T> | ''
    return stored && typeof stored === 'object' ? { ...initial, ...stored } : initial
  })
  const [restored] = useState(() => {
    const stored = Taro.getStorageSync(storageKey)
    return Boolean(stored && typeof stored === 'object')
  })
  const update = useCallback(
    (change: (previous: T) => T) =>
      setValue((previous) => {
        const next = change(previous)
        Taro.setStorageSync(storageKey, next)
        return next
      }),
    [storageKey],
  )
  const clear = useCallback(() => Taro.removeStorageSync(storageKey), [storageKey])
  return [value, update, clear, restored]
}

/**
 * "放弃编辑？" before leaving a form with unsaved changes: WeChat asks on its
 * back button (enableAlertBeforeUnload); the browser asks before the page is
 * closed or reloaded.
 */
export function useLeaveGuard(dirty: boolean, message = '放弃编辑？已填写的内容会保存为草稿，下次打开可以继续。'): void {
  useEffect(() => {
    if (!dirty) return undefined
    if (process.env.TARO_ENV === 'weapp') {
      Taro.enableAlertBeforeUnload({ message })
      return () => Taro.disableAlertBeforeUnload()
    }
    if (typeof window === 'undefined') return undefined
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      event.returnValue = message
    }
    window.addEventListener('beforeunload', ask)
    return () => window.removeEventListener('beforeunload', ask)
  }, [dirty, message])
}
