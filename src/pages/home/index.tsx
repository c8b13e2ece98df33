import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { api, type Me, type Overview } from '@/api'
import ActivityItem from '@/components/activity-item'
import AnnouncementItem from '@/components/announcement-item'
import LoadState, { EmptyView } from '@/components/load-state'
import PageShell from '@/components/page-shell'
import WishItem from '@/components/wish-item'
import { useAsync } from '@/hooks/use-async'
import { useLargeText } from '@/hooks/use-large-text'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { routes } from '@/utils/routes'
import './index.scss'

type HomeData = { me: Me; overview: Overview | null }

const canUseConsole = (me: Me) => me.roles.some((r) => r.role === 'staff' || r.role === 'district_admin')

async function loadHome(): Promise<HomeData> {
  // `me` first: an unregistered caller has no community to show yet.
  const me = await api.users.me()
  if (!me.user) return { me, overview: null }
  const overview = await api.communities.overview({ communityId: me.user.communityId })
  return { me, overview }
}

/** Entries to the subpackages; 工作台 only for staff and district admins. */
const tiles = (me: Me) => [
  { key: 'shop', text: '积分超市', glyph: '积', url: '/packages/shop/pages/index/index' },
  { key: 'units', text: '共建单位', glyph: '共', url: '/packages/units/pages/index/index' },
  { key: 'suggestions', text: '意见建议', glyph: '议', url: '/packages/suggestions/pages/public/index' },
  { key: 'venues', text: '场地预约', glyph: '场', url: '/packages/venues/pages/index/index' },
  ...(canUseConsole(me) ? [{ key: 'staff', text: '工作台', glyph: '工', url: '/packages/staff/pages/index/index' }] : []),
]

const go = (url: string) => () => Taro.navigateTo({ url })
const tab = (url: string) => () => Taro.switchTab({ url })

export default function Home() {
  const { state, reload } = useAsync(loadHome, [])
  useReloadTriggers(reload)

  return (
    <PageShell name='home'>
      <LoadState state={state} onRetry={reload} rows={6}>
        {({ me, overview }) =>
          overview ? <CommunityHome me={me} overview={overview} /> : <RegisterPrompt />
        }
      </LoadState>
    </PageShell>
  )
}

/** 长辈版 in reach from the first screen (WeChat's 适老化 guide): one tap, both ways. */
function ElderToggle({ className }: { className?: string }) {
  const [large, setLarge] = useLargeText()
  return (
    <View className={`home-elder e2e-elder-toggle ${className ?? ''}`} role='button' aria-label={large ? '切换到标准版' : '切换到长辈版'} onClick={() => setLarge(!large)}>
      {large ? '标准版' : '长辈版'}
    </View>
  )
}

function RegisterPrompt() {
  return (
    <View className='tx-card home-register e2e-home-register'>
      <ElderToggle className='home-elder-plain' />
      <View className='home-register-title'>欢迎来到同心社区</View>
      <View className='tx-muted'>完成注册、选择所在社区后，即可报名活动、认领心愿、积累志愿积分。</View>
      <Button className='home-register-button e2e-home-register-button' type='primary' block onClick={tab('/pages/me/index')}>
        去注册
      </Button>
    </View>
  )
}

function CommunityHome({ me, overview }: { me: Me; overview: Overview }) {
  const { community, stats, upcomingActivities, latestWishes, announcements } = overview
  const statItems = [
    { key: 'activities', label: '活动', value: stats.activities },
    { key: 'members', label: '党员/志愿者', value: stats.members },
    { key: 'openWishes', label: '待认领心愿', value: stats.openWishes },
    { key: 'units', label: '共建单位', value: stats.units },
  ]
  return (
    <View>
      <View className='home-banner'>
        <View className='home-banner-head'>
          <View className='home-community e2e-home-community'>{community.name}</View>
          <ElderToggle />
        </View>
        <View className='home-district'>
          {community.districtName}
          {community.address ? ` · ${community.address}` : ''}
        </View>
      </View>

      <View className='tx-card home-stats e2e-home-stats'>
        {statItems.map((item) => (
          <View key={item.key} className={`home-stat e2e-home-stat-${item.key}`}>
            <View className='home-stat-value'>{item.value}</View>
            <View className='home-stat-label'>{item.label}</View>
          </View>
        ))}
      </View>

      <View className='tx-card home-tiles'>
        {tiles(me).map((tile) => (
          <View key={tile.key} className={`home-tile e2e-tile-${tile.key}`} onClick={go(tile.url)}>
            <View className='home-tile-icon'>{tile.glyph}</View>
            <View className='home-tile-text'>{tile.text}</View>
          </View>
        ))}
      </View>

      {announcements.length > 0 ? (
        <>
          <View className='tx-section-title'>
            <View>社区公告</View>
            <View className='tx-section-more e2e-home-news-more' onClick={go(routes.news(community.id))}>
              全部 ›
            </View>
          </View>
          <View className='e2e-home-news'>
            {announcements.map((announcement) => (
              <AnnouncementItem key={announcement.id} announcement={announcement} />
            ))}
          </View>
        </>
      ) : null}

      <View className='tx-section-title'>
        <View>近期活动</View>
        <View className='tx-section-more' onClick={tab('/pages/activities/index')}>
          全部 ›
        </View>
      </View>
      <View className='e2e-home-activities'>
        {upcomingActivities.length === 0 ? (
          <EmptyView text='近期没有活动' />
        ) : (
          upcomingActivities.map((activity) => <ActivityItem key={activity.id} activity={activity} />)
        )}
      </View>

      <View className='tx-section-title'>
        <View>心愿墙</View>
        <View className='tx-section-more' onClick={tab('/pages/wishes/index')}>
          全部 ›
        </View>
      </View>
      <View className='e2e-home-wishes'>
        {latestWishes.length === 0 ? (
          <EmptyView text='还没有心愿' />
        ) : (
          latestWishes.map((wish) => <WishItem key={wish.id} wish={wish} />)
        )}
      </View>
    </View>
  )
}
