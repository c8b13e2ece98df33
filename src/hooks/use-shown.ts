import { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'

/**
 * Counts the times the page came back into view (not its first showing):
 * tab pages stay mounted, so data another page changed (points after a
 * redemption) reloads when this number is a dependency.
 */
export function useReturns(): number {
  const [returns, setReturns] = useState(0)
  const first = useRef(true)
  useDidShow(() => {
    if (first.current) {
      first.current = false
      return
    }
    setReturns((n) => n + 1)
  })
  return returns
}
