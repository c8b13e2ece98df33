import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'

/**
 * 长辈版 (适老化): remembered on the device once the person chooses; until then
 * it follows WeChat's own font size (我 › 设置 › 通用 › 字体大小), as WeChat's
 * 小程序适老化设计指南 asks: someone who enlarged WeChat's text gets 长辈版
 * without looking for a switch.
 */
const STORAGE_KEY = 'tongxin.largeText'
const CHANGED = 'tongxin:large-text-changed'
/** WeChat's standard size is 17 px (fontSizeSetting); anything larger is a reader who wants larger text. */
const STANDARD_FONT_SIZE = 17

/** WeChat's font size setting in px, or null where there is none (H5, DevTools without it). */
function weChatFontSize(): number | null {
  try {
    const info = Taro.getSystemInfoSync() as { fontSizeSetting?: number }
    return typeof info.fontSizeSetting === 'number' ? info.fontSizeSetting : null
  } catch {
    return null
  }
}

/** The stored choice wins; without one, WeChat's font size decides. */
export function largeTextFor(stored: unknown, fontSizeSetting: number | null): boolean {
  if (stored === true || stored === false) return stored
  return fontSizeSetting !== null && fontSizeSetting > STANDARD_FONT_SIZE
}

function readLargeText(): boolean {
  return largeTextFor(Taro.getStorageSync(STORAGE_KEY), weChatFontSize())
}

export function useLargeText(): [boolean, (enabled: boolean) => void] {
  const [enabled, setEnabled] = useState(readLargeText)

  useEffect(() => {
    // Tab pages stay mounted; each one follows the switch made on 我的 or home.
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
