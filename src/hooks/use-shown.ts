import { useDidHide, useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'

/**
 * Counts the times the page came back into view after being hidden: tab
 * pages stay mounted, so data another page changed (points after a
 * redemption) reloads when this number is a dependency.
 *
 * Keyed on a hide before the show, not on skipping the first show: on H5 the
 * first onShow can fire before the hook is registered, and skipping "the
 * first one seen" then swallowed the first real return.
 */
export function useReturns(): number {
  const [returns, setReturns] = useState(0)
  const hidden = useRef(false)
  useDidHide(() => {
    hidden.current = true
  })
  useDidShow(() => {
    if (!hidden.current) return
    hidden.current = false
    setReturns((n) => n + 1)
  })
  return returns
}
