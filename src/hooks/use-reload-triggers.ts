import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useEffect } from 'react'
import { onSessionChanged } from '@/api/session'

/**
 * When a page's data is stale: the user pulled down, or who they are changed
 * (tab pages stay mounted across a login or a registration).
 */
export function useReloadTriggers(reload: () => void): void {
  useEffect(() => onSessionChanged(reload), [reload])
  usePullDownRefresh(() => {
    reload()
    // The page shows its own loading state; the native spinner need not wait for it.
    Taro.stopPullDownRefresh()
  })
}
