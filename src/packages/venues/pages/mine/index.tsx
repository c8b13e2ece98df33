import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Dialog, Tag, Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api, type MyBooking } from '@/api'
import FilterTabs from '@/components/filter-tabs'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import { usePagedList } from '@/hooks/use-paged-list'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { toApiError } from '@/utils/errors'
import { formatDateTime } from '@/utils/format'
import { routes } from '@/utils/routes'
import { bookingStatusColors, bookingStatusLabels, dayLabel, weekdayOfDate } from '../../shared'
import '../../venues.scss'

const TOAST_ID = 'my-bookings-toast'
type When = 'upcoming' | 'past'
const whens: readonly When[] = ['upcoming', 'past']
const whenLabels: Record<When, string> = { upcoming: '未结束', past: '已结束' }

/** 我的预约: what I booked, its status and why; cancel until the venue's cut-off. */
export default function MyBookings() {
  const [when, setWhen] = useState<When>('upcoming')
  const list = usePagedList((page) => api.venues.mine({ when, page, pageSize: 10 }), [when])
  useReloadTriggers(list.reload)
  const [cancelling, setCancelling] = useState<MyBooking | null>(null)
  const [busy, setBusy] = useState(false)

  const cancel = async (booking: MyBooking) => {
    setCancelling(null)
    setBusy(true)
    try {
      await api.venues.cancel({ bookingId: booking.id })
      Toast.show(TOAST_ID, { content: '已取消预约', icon: 'success' })
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setBusy(false)
      list.reload()
    }
  }

  return (
    <PageShell name='my-bookings'>
      <FilterTabs className='e2e-booking-filter' options={whens} value={when} onChange={setWhen} labelOf={(value) => whenLabels[value]} />
      <PagedList
        className='e2e-my-bookings-list'
        list={list}
        emptyText={when === 'upcoming' ? '没有未结束的预约' : '还没有预约记录'}
        renderItem={(booking) => (
          <View key={booking.id} className={`tx-card venue-card e2e-booking e2e-booking-${booking.status}`}>
            <View className='venue-row'>
              <View className='venue-name' onClick={() => Taro.navigateTo({ url: routes.venueDetail(booking.venueId) })}>
                {booking.venueName}
              </View>
              <Tag className='tx-tag e2e-booking-status' plain background={bookingStatusColors[booking.status]}>
                {bookingStatusLabels[booking.status]}
              </Tag>
            </View>
            <View className='venue-meta'>
              <View className='e2e-booking-time'>
                {dayLabel(booking.date, weekdayOfDate(booking.date))} {booking.start}–{booking.end}
              </View>
              <View>
                {booking.purpose} · {booking.attendees} 人
              </View>
              {booking.status === 'refused' ? <View className='e2e-booking-reason'>未通过原因：{booking.refuseReason}</View> : null}
              {booking.status === 'cancelled' && booking.cancelledByStaff ? <View className='e2e-booking-reason'>社区已取消：{booking.cancelReason}</View> : null}
              {booking.status === 'pending' ? <View>等待社区工作人员审核</View> : null}
              {booking.status === 'lapsed' ? <View className='e2e-booking-reason'>开始前未获审批，预约已过期</View> : null}
            </View>
            {booking.canCancel ? (
              <View className='venue-actions'>
                <View className='venue-meta'>{formatDateTime(booking.cancelBefore)} 前可取消</View>
                <Button className='e2e-booking-cancel' size='small' fill='outline' disabled={busy} onClick={() => setCancelling(booking)}>
                  取消预约
                </Button>
              </View>
            ) : null}
          </View>
        )}
      />
      <Dialog
        visible={cancelling !== null}
        title='取消预约'
        content={cancelling ? `取消「${cancelling.venueName}」${cancelling.date} ${cancelling.start}–${cancelling.end} 的预约？` : ''}
        confirmText='取消预约'
        cancelText='保留'
        onConfirm={() => {
          if (cancelling) void cancel(cancelling)
        }}
        onCancel={() => setCancelling(null)}
      />
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}
