import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Tag } from '@nutui/nutui-react-taro'
import { api } from '@/api'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { PhotoGrid } from '@/components/photos'
import { colors } from '@/constants/theme'
import { useAsync } from '@/hooks/use-async'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { routes } from '@/utils/routes'
import { hoursSummary } from '../../shared'
import '../../venues.scss'

/** The venues of my community: what each holds and when it opens; a tap opens its slots. */
export default function Venues() {
  const { state, reload } = useAsync(() => api.venues.list({}), [])
  useReloadTriggers(reload)

  return (
    <PageShell name='venues'>
      <View className='venue-head'>
        <Button className='e2e-my-bookings' size='small' fill='outline' onClick={() => Taro.navigateTo({ url: routes.myBookings })}>
          我的预约
        </Button>
      </View>
      <LoadState state={state} onRetry={reload} rows={6} isEmpty={(venues) => venues.length === 0} emptyText='社区还没有可预约的场地'>
        {(venues) => (
          <View className='e2e-venues'>
            {venues.map((venue) => (
              <View
                key={venue.id}
                className={`tx-card venue-card e2e-venue e2e-venue-${venue.id}`}
                onClick={() => Taro.navigateTo({ url: routes.venueDetail(venue.id) })}
              >
                <View className='venue-row'>
                  <View className='venue-name e2e-venue-name'>{venue.name}</View>
                  <Tag className='tx-tag' plain background={venue.needsApproval ? colors.warn : colors.primary}>
                    {venue.needsApproval ? '需审核' : '即约即用'}
                  </Tag>
                </View>
                <View className='venue-meta'>
                  <View>{venue.location} · 可容纳 {venue.capacity} 人</View>
                  <View>{hoursSummary(venue.openingHours)}</View>
                </View>
                {venue.facilities.length > 0 ? (
                  <View className='venue-tags'>
                    {venue.facilities.map((facility) => (
                      <Tag key={facility} className='tx-tag' plain background={colors.muted}>
                        {facility}
                      </Tag>
                    ))}
                  </View>
                ) : null}
                <PhotoGrid photos={venue.photos.slice(0, 3)} />
              </View>
            ))}
          </View>
        )}
      </LoadState>
    </PageShell>
  )
}
