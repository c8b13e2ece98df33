import { View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { api, type CheckinCode } from '@/api'
import type { ApiError } from '@/api/envelope'
import { ErrorView, LoadingView } from '@/components/load-state'
import PageShell from '@/components/page-shell'
import QrCode from '@/components/qr-code'
import { useAsync } from '@/hooks/use-async'
import { useParam } from '@/hooks/use-param'
import { toApiError } from '@/utils/errors'
import { formatTimeRange } from '@/utils/format'
import { keepAwake } from '@/utils/keep-awake'
import { refreshAt } from './rotation'
import './index.scss'

type Shown = { code: CheckinCode; refreshAt: number }

/**
 * The rotating code members scan to check in and out. A new code every
 * 30 seconds; a photo of an old one stops working moments later.
 */
export default function CheckinCodePage() {
  const activityId = useParam('id')
  const detail = useAsync(() => api.activities.detail({ activityId }), [activityId])
  const [shown, setShown] = useState<Shown | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [now, setNow] = useState(Date.now())
  const fetching = useRef(false)

  const fetchCode = async () => {
    if (fetching.current) return
    fetching.current = true
    try {
      const code = await api.activities.checkinCode({ activityId })
      const receivedAt = Date.now()
      setShown({ code, refreshAt: refreshAt(code.expiresAt, code.periodSeconds, receivedAt) })
      setError(null)
    } catch (cause) {
      setError(toApiError(cause))
    } finally {
      fetching.current = false
    }
  }

  useEffect(() => {
    void fetchCode()
    const timer = setInterval(() => setNow(Date.now()), 250)
    // The phone stays awake while members queue to scan.
    keepAwake(true)
    return () => {
      clearInterval(timer)
      keepAwake(false)
    }
  }, [activityId])

  useEffect(() => {
    if (shown && !error && now >= shown.refreshAt) void fetchCode()
  }, [now, shown, error])

  const secondsLeft = shown ? Math.max(0, Math.ceil((shown.refreshAt - now) / 1000)) : 0
  return (
    <PageShell name='staff-checkin-code'>
      <View className='code-head'>
        {detail.state.status === 'ready' ? (
          <>
            <View className='code-title e2e-code-activity'>{detail.state.data.title}</View>
            <View className='code-time'>{formatTimeRange(detail.state.data.startAt, detail.state.data.endAt)}</View>
          </>
        ) : (
          <View className='code-title'>活动签到</View>
        )}
      </View>
      {error ? (
        <ErrorView message={error.message} onRetry={() => void fetchCode()} />
      ) : !shown ? (
        <LoadingView rows={6} />
      ) : (
        <View className='tx-card code-card e2e-checkin-code-card'>
          <QrCode className='e2e-checkin-qr' text={shown.code.qrPayload} size={520} />
          <View className='code-digits e2e-checkin-code'>{shown.code.code}</View>
          <View className='code-countdown e2e-checkin-countdown'>{secondsLeft} 秒后更新</View>
          <View className='code-bar'>
            <View className='code-bar-fill' style={{ width: `${(secondsLeft * 100) / shown.code.periodSeconds}%` }} />
          </View>
          <View className='tx-muted code-hint'>请党员、志愿者在「活动详情」里扫码签到或签退；无法扫码时输入上方 6 位数字。每 {shown.code.periodSeconds} 秒换一次码，截图无效。</View>
        </View>
      )}
    </PageShell>
  )
}
