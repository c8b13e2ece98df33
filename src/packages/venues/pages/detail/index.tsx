import { ScrollView, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Cell, Input, Popup, Tag, Toast } from '@nutui/nutui-react-taro'
import { useState, type ReactNode } from 'react'
import { api, type VenueDetail, type VenueSlot } from '@/api'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { PhotoGrid } from '@/components/photos'
import { colors } from '@/constants/theme'
import { useAsync } from '@/hooks/use-async'
import { useParam } from '@/hooks/use-param'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { toApiError } from '@/utils/errors'
import { routes } from '@/utils/routes'
import { askConsent } from '@/utils/subscribe'
import { dayLabel, hoursSummary } from '../../shared'
import '../../venues.scss'

const TOAST_ID = 'venue-detail-toast'
const MAX_SLOTS = 8

const stateLabels: Record<VenueSlot['state'], string> = { free: '可预约', taken: '已约', closed: '暂停', past: '已过' }

/** A run of selected slots: indexes into the day's slots, both ends included. */
type Selection = { from: number; to: number } | null

/** One venue: a strip of bookable days, that day's slots (free / taken / closed / past), and the booking form. */
export default function VenueDetailPage() {
  const venueId = useParam('id')
  const [date, setDate] = useState<string | undefined>(undefined)
  const { state, reload } = useAsync(() => api.venues.detail({ venueId, date }), [venueId, date])
  useReloadTriggers(reload)
  const [selection, setSelection] = useState<Selection>(null)
  const [booking, setBooking] = useState(false)

  const pickDay = (day: string) => {
    setSelection(null)
    setDate(day)
  }

  return (
    <PageShell name='venue-detail'>
      <LoadState state={state} onRetry={reload} rows={8}>
        {(detail) => (
          <View>
            <VenueHeader detail={detail} />
            <ScrollView scrollX className='venue-days e2e-venue-days'>
              {detail.days.map((day) => (
                <View
                  key={day.date}
                  className={`venue-day e2e-venue-day e2e-venue-day-${day.date}${day.date === detail.date ? ' venue-day-active' : ''}${day.open ? '' : ' venue-day-shut'}`}
                  onClick={() => pickDay(day.date)}
                >
                  <View>{dayLabel(day.date, day.weekday).split(' ')[1]}</View>
                  <View>{day.date === detail.today ? '今天' : dayLabel(day.date, day.weekday).split(' ')[0]}</View>
                </View>
              ))}
            </ScrollView>
            {detail.closure ? <View className='venue-notice e2e-venue-closure'>暂停开放：{detail.closure.reason}（{detail.closure.from} 至 {detail.closure.to}）</View> : null}
            <SlotGrid slots={detail.slots} selection={selection} onSelect={setSelection} />
            <View className='venue-legend'>
              每格 {detail.venue.slotMinutes} 分钟，可连续选择多格（最多 {MAX_SLOTS} 格）；开始前 {detail.venue.cancelHours} 小时内不能自行取消。
            </View>
            <View className='venue-bar'>
              {detail.canBook ? (
                <Button className='e2e-book-open' type='primary' block disabled={!selection} onClick={() => setBooking(true)}>
                  {selection ? `预约 ${detail.slots[selection.from].start}–${detail.slots[selection.to].end}` : '请选择时段'}
                </Button>
              ) : (
                <View className='venue-meta e2e-book-not-allowed'>党员、志愿者和共建单位联络员可以预约社区场地。</View>
              )}
            </View>
            {booking && selection ? (
              <BookPopup
                detail={detail}
                selection={selection}
                onClose={() => setBooking(false)}
                onBooked={(message) => {
                  setBooking(false)
                  setSelection(null)
                  Toast.show(TOAST_ID, { content: message, icon: 'success' })
                  reload()
                }}
              />
            ) : null}
          </View>
        )}
      </LoadState>
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}

function VenueHeader({ detail }: { detail: VenueDetail }) {
  const { venue } = detail
  return (
    <View className='tx-card venue-card'>
      <View className='venue-row'>
        <View className='venue-name'>{venue.name}</View>
        <Tag className='tx-tag' plain background={venue.needsApproval ? colors.warn : colors.primary}>
          {venue.needsApproval ? '需审核' : '即约即用'}
        </Tag>
      </View>
      <View className='venue-meta'>
        <View>
          {venue.location} · 可容纳 {venue.capacity} 人
        </View>
        <View>{hoursSummary(venue.openingHours)}</View>
        {venue.facilities.length > 0 ? <View>设施：{venue.facilities.join('、')}</View> : null}
        {venue.description ? <View>{venue.description}</View> : null}
      </View>
      <PhotoGrid photos={venue.photos} />
    </View>
  )
}

function SlotGrid({ slots, selection, onSelect }: { slots: VenueSlot[]; selection: Selection; onSelect: (selection: Selection) => void }) {
  if (slots.length === 0) return <View className='venue-legend e2e-no-slots'>当天不开放</View>
  const tap = (index: number) => {
    if (slots[index].state !== 'free') return
    // A tap right after the run extends it (same interval, all free); any other tap starts a new run.
    const extends_ =
      selection !== null &&
      index === selection.to + 1 &&
      slots[index].start === slots[selection.to].end &&
      index - selection.from < MAX_SLOTS
    onSelect(extends_ ? { from: selection.from, to: index } : selection?.from === index && selection.to === index ? null : { from: index, to: index })
  }
  return (
    <View className='venue-slots e2e-slots'>
      {slots.map((slot, index) => {
        const selected = selection !== null && index >= selection.from && index <= selection.to
        return (
          <View
            key={slot.start}
            className={`venue-slot venue-slot-${slot.state}${slot.mine ? ' venue-slot-mine' : ''}${selected ? ' venue-slot-selected e2e-slot-selected' : ''} e2e-slot e2e-slot-${slot.start.replace(':', '')} e2e-slot-${slot.state}`}
            onClick={() => tap(index)}
          >
            <View>
              {slot.start}–{slot.end}
            </View>
            <View className='venue-slot-state'>{slot.mine ? '我的预约' : selected ? '已选' : stateLabels[slot.state]}</View>
          </View>
        )
      })}
    </View>
  )
}

function BookPopup({ detail, selection, onClose, onBooked }: { detail: VenueDetail; selection: { from: number; to: number }; onClose: () => void; onBooked: (message: string) => void }) {
  const [purpose, setPurpose] = useState('')
  const [attendees, setAttendees] = useState('')
  const [saving, setSaving] = useState(false)
  const start = detail.slots[selection.from]
  const end = detail.slots[selection.to]

  const submit = async () => {
    const count = Number(attendees)
    if (!purpose.trim()) return Toast.show(TOAST_ID, { content: '请填写用途', icon: 'warn' })
    if (!Number.isInteger(count) || count < 1) return Toast.show(TOAST_ID, { content: '请填写参加人数', icon: 'warn' })
    if (count > detail.venue.capacity) return Toast.show(TOAST_ID, { content: `最多容纳 ${detail.venue.capacity} 人`, icon: 'warn' })
    // Asked at the tap itself, before anything else awaits: WeChat only shows the consent sheet in answer to a gesture.
    const consent = askConsent(['booking_approved'])
    setSaving(true)
    await consent
    try {
      const booked = await api.venues.book({
        venueId: detail.venue.id,
        date: detail.date,
        start: start.start,
        slotCount: selection.to - selection.from + 1,
        purpose: purpose.trim(),
        attendees: count,
      })
      onBooked(booked.status === 'approved' ? '预约成功' : '已提交，等待社区审核')
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
      setSaving(false)
    }
  }

  return (
    <Popup visible position='bottom' round closeable title='预约场地' onClose={onClose}>
      <View className='venue-form e2e-book-form'>
        <Cell title={detail.venue.name} description={`${detail.date} ${start.start}–${end.end}`} />
        <Field label='用途'>
          <Input className='e2e-book-purpose' value={purpose} onChange={setPurpose} placeholder='如：第三党小组学习会' maxLength={100} />
        </Field>
        <Field label={`参加人数（最多 ${detail.venue.capacity} 人）`}>
          <Input className='e2e-book-attendees' type='number' value={attendees} onChange={setAttendees} placeholder='人数' maxLength={4} />
        </Field>
        <Button className='e2e-book-submit' type='primary' block loading={saving} disabled={saving} onClick={submit}>
          {detail.venue.needsApproval ? '提交预约（需社区审核）' : '确认预约'}
        </Button>
        <View className='venue-legend' onClick={() => Taro.navigateTo({ url: routes.myBookings })}>
          预约结果可在「我的预约」查看
        </View>
      </View>
    </Popup>
  )
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Cell>
      <View className='venue-field'>
        <View className='venue-label'>{label}</View>
        {children}
      </View>
    </Cell>
  )
}
