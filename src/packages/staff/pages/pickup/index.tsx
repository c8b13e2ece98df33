import { View } from '@tarojs/components'
import { Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api, type PickedUp } from '@/api'
import CodeEntry from '@/components/code-entry'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import { useParam } from '@/hooks/use-param'
import { usePagedList } from '@/hooks/use-paged-list'
import { toApiError } from '@/utils/errors'
import { formatDateTime } from '@/utils/format'
import './index.scss'

const TOAST_ID = 'pickup-toast'

/**
 * At the counter: scan or type the member's pick-up code; the redemption is
 * posted (the held points are spent) and the item handed over. Below, what
 * is still waiting to be picked up.
 */
export default function Pickup() {
  const communityId = useParam('communityId')
  const [busy, setBusy] = useState(false)
  const [picked, setPicked] = useState<PickedUp | null>(null)
  const [entryKey, setEntryKey] = useState(0)
  const waiting = usePagedList((page) => api.shop.redemptions({ communityId, status: 'held', page, pageSize: 20 }), [communityId])

  const pickup = async (code: string): Promise<boolean> => {
    setBusy(true)
    setPicked(null)
    try {
      setPicked(await api.shop.pickup({ communityId, code }))
      // A fresh, empty field for the next person in the queue.
      setEntryKey((n) => n + 1)
      waiting.reload()
      return true
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
      return false
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell name='staff-pickup'>
      <View className='tx-card pickup-entry'>
        <View className='pickup-title'>核销兑换码</View>
        <CodeEntry key={entryKey} className='e2e-pickup-entry' kind='pickup' scope={communityId} submitText='核销' busy={busy} onSubmit={pickup} />
      </View>
      {picked ? (
        <View className='tx-card pickup-done e2e-pickup-done'>
          <View className='pickup-done-title'>核销成功，请交付商品</View>
          <View className='pickup-done-item e2e-picked-item'>{picked.itemName}</View>
          <View className='e2e-picked-member'>领取人：{picked.memberName}</View>
          <View className='tx-muted'>扣除 {picked.points} 积分 · 兑换于 {formatDateTime(picked.createdAt)}</View>
        </View>
      ) : null}
      <View className='tx-section-title'>
        <View>待领取</View>
        <View className='tx-section-more'>{waiting.status === 'ready' ? `${waiting.total} 笔` : ''}</View>
      </View>
      <PagedList
        className='e2e-pickup-waiting'
        list={waiting}
        emptyText='没有待领取的兑换'
        renderItem={(redemption) => (
          <View key={redemption.id} className='tx-row e2e-waiting-redemption'>
            <View className='tx-row-head'>
              <View className='tx-row-title'>{redemption.itemName}</View>
              <View className='tx-row-figure pickup-points'>{redemption.points} 积分</View>
            </View>
            <View className='tx-row-meta'>
              <View>
                {redemption.memberName} · {formatDateTime(redemption.createdAt)} 兑换
              </View>
              <View>{formatDateTime(redemption.expiresAt)} 前有效</View>
            </View>
          </View>
        )}
      />
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}
