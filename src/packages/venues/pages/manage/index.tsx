import { View } from '@tarojs/components'
import { Button, Cell, Popup, Tag, TextArea, Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api, type BookingStatus, type StaffBooking, type VenueCard } from '@/api'
import FilterTabs from '@/components/filter-tabs'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import { colors } from '@/constants/theme'
import { useAsync } from '@/hooks/use-async'
import { useParam } from '@/hooks/use-param'
import { usePagedList } from '@/hooks/use-paged-list'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { toApiError } from '@/utils/errors'
import { bookingStatusColors, bookingStatusLabels, dayLabel, hoursSummary, weekdayOfDate } from '../../shared'
import { ClosePopup, TOAST_ID, VenuePopup } from '../../components/venue-form'
import '../../venues.scss'
import ReviewTag from '@/components/review-tag'

type Tab = BookingStatus | 'venues'
const tabs: readonly Tab[] = ['pending', 'approved', 'refused', 'cancelled', 'lapsed', 'venues']
const tabLabel = (tab: Tab) => (tab === 'venues' ? '场地' : bookingStatusLabels[tab])

/** Staff: decide pending bookings (通过 / 不通过 with a reason), cancel approved ones, and keep the venues. */
export default function ManageVenues() {
  const communityId = useParam('communityId')
  const [tab, setTab] = useState<Tab>('pending')
  return (
    <PageShell name='venues-manage'>
      <FilterTabs className='e2e-venues-manage-tabs' options={tabs} value={tab} onChange={setTab} labelOf={tabLabel} />
      {tab === 'venues' ? <VenueList communityId={communityId} /> : <BookingList communityId={communityId} status={tab} />}
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}

type Deciding = { kind: 'refuse' | 'cancel'; booking: StaffBooking } | null

function BookingList({ communityId, status }: { communityId: string; status: BookingStatus }) {
  const list = usePagedList((page) => api.venues.bookings({ communityId, status, page, pageSize: 10 }), [communityId, status])
  useReloadTriggers(list.reload)
  const [busy, setBusy] = useState(false)
  const [deciding, setDeciding] = useState<Deciding>(null)

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true)
    try {
      await work()
      Toast.show(TOAST_ID, { content: done, icon: 'success' })
      setDeciding(null)
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setBusy(false)
      list.reload()
    }
  }

  return (
    <>
      <PagedList
        className='e2e-staff-bookings'
        list={list}
        emptyText={status === 'pending' ? '没有待审核的预约' : `没有${bookingStatusLabels[status]}的预约`}
        renderItem={(booking) => (
          <View key={booking.id} className={`tx-card venue-card e2e-staff-booking e2e-staff-booking-${booking.status}`}>
            <View className='venue-row'>
              <View className='venue-name'>{booking.venueName}</View>
              <Tag className='tx-tag' plain background={bookingStatusColors[booking.status]}>
                {bookingStatusLabels[booking.status]}
              </Tag>
            </View>
            <View className='venue-meta'>
              <View>
                {dayLabel(booking.date, weekdayOfDate(booking.date))} {booking.start}–{booking.end}
              </View>
              <View className='e2e-staff-booking-booker'>
                {booking.userName} {booking.userPhone} · {booking.attendees} 人
              </View>
              <View>
                用途：{booking.purpose} <ReviewTag state={booking.contentReview} />
              </View>
              {booking.refuseReason ? <View>未通过原因：{booking.refuseReason}</View> : null}
              {booking.cancelReason ? <View>取消原因：{booking.cancelReason}</View> : null}
              {booking.status === 'lapsed' ? <View className='e2e-staff-booking-lapsed'>开始前未审批，已自动过期，时段已释放</View> : null}
            </View>
            <View className='venue-actions'>
              {booking.status === 'pending' ? (
                <>
                  <Button className='e2e-booking-refuse' size='small' fill='outline' disabled={busy} onClick={() => setDeciding({ kind: 'refuse', booking })}>
                    不通过
                  </Button>
                  <Button className='e2e-booking-approve' size='small' type='primary' disabled={busy} onClick={() => run(() => api.venues.approve({ bookingId: booking.id }), '已通过，已通知预约人')}>
                    通过
                  </Button>
                </>
              ) : null}
              {booking.status === 'approved' ? (
                <Button className='e2e-booking-staff-cancel' size='small' fill='outline' disabled={busy} onClick={() => setDeciding({ kind: 'cancel', booking })}>
                  取消预约
                </Button>
              ) : null}
            </View>
          </View>
        )}
      />
      {deciding ? (
        <ReasonPopup
          title={deciding.kind === 'refuse' ? '不通过的原因' : '取消的原因'}
          placeholder={deciding.kind === 'refuse' ? '如：当天已安排居民议事会，请改约下午' : '如：场地临时维修'}
          busy={busy}
          onClose={() => setDeciding(null)}
          onConfirm={(reason) =>
            run(
              () =>
                deciding.kind === 'refuse'
                  ? api.venues.refuse({ bookingId: deciding.booking.id, reason })
                  : api.venues.cancel({ bookingId: deciding.booking.id, reason }),
              deciding.kind === 'refuse' ? '已退回预约' : '已取消预约',
            )
          }
        />
      ) : null}
    </>
  )
}

function ReasonPopup({ title, placeholder, busy, onClose, onConfirm }: { title: string; placeholder: string; busy: boolean; onClose: () => void; onConfirm: (reason: string) => void }) {
  const [reason, setReason] = useState('')
  return (
    <Popup visible position='bottom' round closeable title={title} onClose={onClose}>
      <View className='venue-form e2e-reason-form'>
        <TextArea className='e2e-reason-input' value={reason} onChange={setReason} placeholder={placeholder} maxLength={200} />
        <Button
          className='e2e-reason-confirm'
          type='primary'
          block
          loading={busy}
          disabled={busy}
          onClick={() => (reason.trim().length < 2 ? Toast.show(TOAST_ID, { content: '请写明原因（至少 2 个字）', icon: 'warn' }) : onConfirm(reason.trim()))}
        >
          确定
        </Button>
      </View>
    </Popup>
  )
}

type Editing = { kind: 'edit'; venue: VenueCard | null } | { kind: 'close'; venue: VenueCard } | null

function VenueList({ communityId }: { communityId: string }) {
  const { state, reload } = useAsync(() => api.venues.list({ communityId }), [communityId])
  useReloadTriggers(reload)
  const [editing, setEditing] = useState<Editing>(null)
  const done = (message: string) => {
    Toast.show(TOAST_ID, { content: message, icon: 'success' })
    setEditing(null)
    reload()
  }
  const reopen = async (venue: VenueCard, closureId: string) => {
    try {
      await api.venues.reopen({ venueId: venue.id, closureId })
      done('已恢复开放')
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    }
  }

  return (
    <View>
      <View className='venue-head'>
        <Button className='e2e-venue-new' type='primary' size='small' onClick={() => setEditing({ kind: 'edit', venue: null })}>
          + 新增场地
        </Button>
      </View>
      <LoadState state={state} onRetry={reload} rows={6} isEmpty={(venues) => venues.length === 0} emptyText='还没有场地，点“新增场地”添加党群服务中心的房间'>
        {(venues) => (
          <View className='e2e-staff-venues'>
            {venues.map((venue) => (
              <View key={venue.id} className={`tx-card venue-card e2e-staff-venue e2e-staff-venue-${venue.id}`}>
                <View className='venue-row'>
                  <View className='venue-name'>{venue.name}</View>
                  <Tag className='tx-tag' plain background={venue.active ? colors.primary : colors.muted}>
                    {venue.active ? (venue.needsApproval ? '需审核' : '即约即用') : '已停用'}
                  </Tag>
                </View>
                <View className='venue-meta'>
                  <View>
                    {venue.location} · {venue.capacity} 人 · 每格 {venue.slotMinutes} 分钟 · 提前 {venue.bookingDays} 天 · 开始前 {venue.cancelHours} 小时截止取消
                  </View>
                  <View>{hoursSummary(venue.openingHours)}</View>
                </View>
                {venue.closures.map((closure) => (
                  <Cell
                    key={closure.id}
                    className='e2e-venue-closure'
                    title={`暂停开放 ${closure.from} 至 ${closure.to}`}
                    description={closure.reason}
                    extra={
                      <Button className='e2e-venue-reopen' size='small' fill='outline' onClick={() => reopen(venue, closure.id)}>
                        恢复
                      </Button>
                    }
                  />
                ))}
                <View className='venue-actions'>
                  <Button className='e2e-venue-close' size='small' fill='outline' onClick={() => setEditing({ kind: 'close', venue })}>
                    暂停开放
                  </Button>
                  <Button className='e2e-venue-edit' size='small' fill='outline' onClick={() => setEditing({ kind: 'edit', venue })}>
                    编辑
                  </Button>
                </View>
              </View>
            ))}
          </View>
        )}
      </LoadState>
      {editing?.kind === 'edit' ? <VenuePopup communityId={communityId} venue={editing.venue} onClose={() => setEditing(null)} onSaved={() => done('已保存')} /> : null}
      {editing?.kind === 'close' ? <ClosePopup venue={editing.venue} onClose={() => setEditing(null)} onSaved={done} /> : null}
    </View>
  )
}
