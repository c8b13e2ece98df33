import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Cell, Tag } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api, type Me, type MemberRow, type WorkbenchCounts } from '@/api'
import AddIcon from '@nutui/icons-react-taro/dist/es/icons/Add.js'
import ArticlesIcon from '@nutui/icons-react-taro/dist/es/icons/Articles.js'
import CategoryIcon from '@nutui/icons-react-taro/dist/es/icons/Category.js'
import ClockIcon from '@nutui/icons-react-taro/dist/es/icons/Clock.js'
import CommentIcon from '@nutui/icons-react-taro/dist/es/icons/Comment.js'
import EditIcon from '@nutui/icons-react-taro/dist/es/icons/Edit.js'
import HeartIcon from '@nutui/icons-react-taro/dist/es/icons/Heart.js'
import ListIcon from '@nutui/icons-react-taro/dist/es/icons/List.js'
import LocationIcon from '@nutui/icons-react-taro/dist/es/icons/Location.js'
import MessageIcon from '@nutui/icons-react-taro/dist/es/icons/Message.js'
import NoticeIcon from '@nutui/icons-react-taro/dist/es/icons/Notice.js'
import OrderIcon from '@nutui/icons-react-taro/dist/es/icons/Order.js'
import ScanIcon from '@nutui/icons-react-taro/dist/es/icons/Scan.js'
import ShieldIcon from '@nutui/icons-react-taro/dist/es/icons/ShieldCheck.js'
import StoreIcon from '@nutui/icons-react-taro/dist/es/icons/Store.js'
import UserIcon from '@nutui/icons-react-taro/dist/es/icons/User.js'
import UserAddIcon from '@nutui/icons-react-taro/dist/es/icons/UserAdd.js'
import FilterTabs from '@/components/filter-tabs'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import { roleLabels } from '@/constants/labels'
import { colors } from '@/constants/theme'
import { useAsync } from '@/hooks/use-async'
import { usePagedList } from '@/hooks/use-paged-list'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { useReturns } from '@/hooks/use-shown'
import { routes } from '@/utils/routes'
import './index.scss'
import { PhoneLink } from '@/components/contact'

interface ManagedCommunity {
  id: string
  name: string
}

/**
 * The communities this person runs: where they hold `staff`, plus every
 * community of a district they administer. The server checks again on each
 * call; this only decides what to offer.
 */
async function loadManaged(): Promise<ManagedCommunity[]> {
  const me = await api.users.me()
  const managed = new Map<string, string>()
  for (const r of me.roles) if (r.role === 'staff') managed.set(r.scopeId, r.scopeName)
  const districts = new Set(me.roles.filter((r) => r.role === 'district_admin').map((r) => r.scopeId))
  if (districts.size > 0) {
    const directory = await api.communities.list()
    for (const d of directory.districts) if (districts.has(d.id)) for (const c of d.communities) managed.set(c.id, c.name)
  }
  return ordered(me, managed)
}

/** The caller's own community first: it is the one they most often work on. */
const ordered = (me: Me, managed: Map<string, string>): ManagedCommunity[] =>
  [...managed].map(([id, name]) => ({ id, name })).sort((a, b) => Number(b.id === me.user?.communityId) - Number(a.id === me.user?.communityId))

export default function StaffConsole() {
  const { state, reload } = useAsync(loadManaged, [])
  return (
    <PageShell name='staff'>
      <LoadState
        state={state}
        onRetry={reload}
        isEmpty={(list) => list.length === 0}
        emptyText='工作台仅对社区工作人员和街道管理员开放'
      >
        {(communities) => <Console communities={communities} />}
      </LoadState>
    </PageShell>
  )
}

function Console({ communities }: { communities: ManagedCommunity[] }) {
  const [communityId, setCommunityId] = useState(communities[0].id)
  const community = communities.find((c) => c.id === communityId) ?? communities[0]
  const nameOf = (id: string) => communities.find((c) => c.id === id)?.name ?? id
  return (
    <View>
      <View className='staff-banner'>
        <View className='staff-title'>社区工作台</View>
        <View className='staff-community e2e-staff-community'>{community.name}</View>
      </View>
      {communities.length > 1 ? (
        <FilterTabs options={communities.map((c) => c.id)} labelOf={nameOf} value={community.id} onChange={setCommunityId} />
      ) : null}
      <Workbench communityId={community.id} />
      <MemberList key={community.id} communityId={community.id} />
    </View>
  )
}

type WaitingKey = keyof WorkbenchCounts

interface Tool {
  key: string
  text: string
  Icon: typeof AddIcon
  url: string
  /** The count of waiting items shown on the tile (communities.workbench). */
  waiting?: WaitingKey
}

/**
 * The console's tools, grouped by the task they serve; each works on the
 * community chosen above. The first group is what waits for staff, with its
 * count on the tile, so 心愿审核 2 and 建议办理 3 are seen before they are opened.
 */
const groups = (communityId: string): Array<{ title: string; tools: Tool[] }> => [
  {
    title: '待办',
    tools: [
      { key: 'wish-review', text: '心愿审核', Icon: HeartIcon, url: routes.staffWishReview(communityId), waiting: 'wishReview' },
      { key: 'suggestions', text: '建议办理', Icon: CommentIcon, url: routes.staffSuggestions(communityId), waiting: 'suggestions' },
      { key: 'member-roster', text: '报到审核', Icon: UserIcon, url: routes.staffMemberRoster(communityId), waiting: 'memberReports' },
      { key: 'venue-day', text: '预约审核', Icon: ClockIcon, url: routes.staffVenueDay(communityId), waiting: 'bookings' },
      { key: 'pickup', text: '兑换核销', Icon: ScanIcon, url: routes.staffPickup(communityId), waiting: 'pickups' },
      { key: 'units', text: '共建单位', Icon: ShieldIcon, url: routes.staffUnits(communityId), waiting: 'commitments' },
    ],
  },
  {
    title: '活动与积分',
    tools: [
      { key: 'publish', text: '发布活动', Icon: AddIcon, url: routes.staffPublish(communityId) },
      { key: 'activities', text: '活动管理', Icon: ListIcon, url: routes.staffActivities(communityId) },
      { key: 'items', text: '商品管理', Icon: StoreIcon, url: routes.staffItems(communityId) },
      { key: 'adjust', text: '积分调整', Icon: EditIcon, url: routes.staffAdjust(communityId) },
    ],
  },
  {
    title: '居民服务',
    tools: [
      { key: 'news', text: '发布公告', Icon: NoticeIcon, url: routes.staffNews(communityId) },
      { key: 'wish-post-for', text: '代居民发布', Icon: UserAddIcon, url: routes.wishPostFor(communityId) },
      { key: 'venues', text: '场地管理', Icon: LocationIcon, url: routes.staffVenues(communityId) },
      { key: 'reminder-outbox', text: '提醒记录', Icon: MessageIcon, url: routes.reminderOutbox(communityId) },
    ],
  },
  {
    title: '共建与台账',
    tools: [
      { key: 'demands', text: '需求清单', Icon: OrderIcon, url: routes.demands(communityId) },
      { key: 'unit-report', text: '共建台账', Icon: ArticlesIcon, url: routes.unitReport(communityId) },
      { key: 'dashboard', text: '数据看板', Icon: CategoryIcon, url: routes.staffDashboard(communityId) },
    ],
  },
]

function Workbench({ communityId }: { communityId: string }) {
  const returns = useReturns()
  // One call for every count; a failure only hides the counts, the tiles still open.
  const { state } = useAsync(() => api.communities.workbench({ communityId }), [communityId, returns])
  const counts = state.status === 'ready' ? state.data : null
  return (
    <View className='e2e-workbench'>
      {groups(communityId).map((group) => (
        <View key={group.title}>
          <View className='tx-section-title'>{group.title}</View>
          <View className='tx-card staff-tiles'>
            {group.tools.map(({ key, text, Icon, url, waiting }) => {
              const count = waiting && counts ? counts[waiting] : 0
              return (
                <View
                  key={key}
                  className={`staff-tile e2e-staff-tool-${key}`}
                  role='button'
                  aria-label={count ? `${text}，${count} 项待办` : text}
                  onClick={() => Taro.navigateTo({ url })}
                >
                  <View className='staff-tile-icon'>
                    <Icon className='staff-tile-svg' color={colors.primary} />
                    {count ? <View className={`staff-tile-count e2e-waiting-${key}`}>{count > 99 ? '99+' : count}</View> : null}
                  </View>
                  <View className='staff-tile-text'>{text}</View>
                </View>
              )
            })}
          </View>
        </View>
      ))}
    </View>
  )
}

const ALL = '全部居民'
const roleFilters = { [ALL]: undefined, 党员志愿者: 'member', 工作人员: 'staff' } as const
type RoleFilter = keyof typeof roleFilters
const roleFilterNames = Object.keys(roleFilters) as RoleFilter[]

function MemberList({ communityId }: { communityId: string }) {
  const [filter, setFilter] = useState<RoleFilter>(ALL)
  const list = usePagedList((page) => api.users.list({ communityId, role: roleFilters[filter], page, pageSize: 20 }), [communityId, filter])
  useReloadTriggers(list.reload)

  return (
    <View>
      <View className='tx-section-title'>
        <View>居民名册</View>
        <View className='tx-section-more e2e-staff-total'>{list.status === 'ready' ? `共 ${list.total} 人` : ''}</View>
      </View>
      <FilterTabs className='e2e-staff-role-filter' options={roleFilterNames} value={filter} onChange={setFilter} />
      <PagedList
        className='e2e-staff-members'
        list={list}
        emptyText={filter === ALL ? '本社区还没有注册居民' : `还没有${filter}`}
        renderItem={(row) => <MemberItem key={row.id} row={row} />}
      />
    </View>
  )
}

/** Staff view: phone appears only when the list action returns it. */
function MemberItem({ row }: { row: MemberRow }) {
  return (
    <Cell
      className={`e2e-staff-member e2e-member-${row.id}`}
      title={row.name}
      description={
        <View>
          <View>{row.building || '未填写楼栋'}</View>
          {row.phone ? <PhoneLink phone={row.phone} /> : null}
        </View>
      }
      extra={
        <View className='staff-roles'>
          {row.roles.map((role) => (
            <Tag key={role} className='tx-tag' plain background={colors.primary}>
              {roleLabels[role]}
            </Tag>
          ))}
        </View>
      }
    />
  )
}
