import { View } from '@tarojs/components'
import { Button, Tag } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api } from '@/api'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { useAsync } from '@/hooks/use-async'
import { useParam } from '@/hooks/use-param'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { addDays, bookingStatusColors, bookingStatusLabels, chinaToday, dayLabel, weekdayOfDate } from '../../shared'
import '../../venues.scss'

const stateText = { free: '空闲', closed: '暂停开放', past: '已过', taken: '' } as const

/** Staff day view: every venue × its slots on one day, with who booked each and why; a run of slots shows once. */
export default function VenueDay() {
  const communityId = useParam('communityId')
  const [date, setDate] = useState(chinaToday)
  const { state, reload } = useAsync(() => api.venues.day({ communityId, date }), [communityId, date])
  useReloadTriggers(reload)

  return (
    <PageShell name='venue-day'>
      <View className='venue-day-nav'>
        <Button className='e2e-day-prev' size='small' fill='outline' onClick={() => setDate(addDays(date, -1))}>
          前一天
        </Button>
        <View className='e2e-day-date'>
          {dayLabel(date, weekdayOfDate(date))}
          {date === chinaToday() ? '（今天）' : ''}
        </View>
        <Button className='e2e-day-next' size='small' fill='outline' onClick={() => setDate(addDays(date, 1))}>
          后一天
        </Button>
      </View>
      <LoadState state={state} onRetry={reload} rows={8} isEmpty={(day) => day.venues.length === 0} emptyText='社区还没有开放的场地'>
        {(day) => (
          <View className='e2e-day-venues'>
            {day.venues.map(({ venue, closure, slots }) => (
              <View key={venue.id} className={`tx-card venue-card e2e-day-venue e2e-day-venue-${venue.id}`}>
                <View className='venue-row'>
                  <View className='venue-name'>{venue.name}</View>
                  <View className='venue-meta'>{venue.capacity} 人</View>
                </View>
                {closure ? <View className='venue-notice'>暂停开放：{closure.reason}</View> : null}
                {slots.length === 0 ? <View className='venue-meta'>当天不开放</View> : null}
                {slots.map((slot, index) => {
                  const booking = slot.booking
                  // Later slots of a multi-slot booking are folded into its first line.
                  if (booking && index > 0 && slots[index - 1].booking?.id === booking.id) return null
                  return (
                    <View key={slot.start} className={`venue-day-slot e2e-day-slot e2e-day-slot-${slot.start.replace(':', '')} e2e-day-slot-${slot.state}`}>
                      <View className='venue-day-time'>
                        {slot.start}–{booking ? booking.end : slot.end}
                      </View>
                      {booking ? (
                        <View className='venue-day-booking e2e-day-booking'>
                          <View className='venue-row'>
                            <View>
                              {booking.userName} {booking.userPhone}
                            </View>
                            <Tag className='tx-tag' plain background={bookingStatusColors[booking.status]}>
                              {bookingStatusLabels[booking.status]}
                            </Tag>
                          </View>
                          <View className='venue-meta'>
                            {booking.purpose} · {booking.attendees} 人
                          </View>
                        </View>
                      ) : (
                        <View className='venue-day-booking venue-meta'>{stateText[slot.state]}</View>
                      )}
                    </View>
                  )
                })}
              </View>
            ))}
          </View>
        )}
      </LoadState>
    </PageShell>
  )
}
