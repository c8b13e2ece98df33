import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'

/** 适老化: one switch on 我的, remembered on the device, read by every page. */
const STORAGE_KEY = 'tongxin.largeText'
const CHANGED = 'tongxin:large-text-changed'

function readLargeText(): boolean {
  return Taro.getStorageSync(STORAGE_KEY) === true
}

export function useLargeText(): [boolean, (enabled: boolean) => void] {
  const [enabled, setEnabled] = useState(readLargeText)

  useEffect(() => {
    // Tab pages stay mounted; each one follows the switch made on 我的.
    const listener = (value: boolean) => setEnabled(value)
    Taro.eventCenter.on(CHANGED, listener)
    return () => {
      Taro.eventCenter.off(CHANGED, listener)
    }
  }, [])

  const update = useCallback((value: boolean) => {
    Taro.setStorageSync(STORAGE_KEY, value)
    Taro.eventCenter.trigger(CHANGED, value)
  }, [])

  return [enabled, update]
}
