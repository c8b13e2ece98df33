import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Cell, Tag } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api, type Me, type MemberRow } from '@/api'
import FilterTabs from '@/components/filter-tabs'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import { roleLabels } from '@/constants/labels'
import { colors } from '@/constants/theme'
import { useAsync } from '@/hooks/use-async'
import { usePagedList } from '@/hooks/use-paged-list'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
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
      <View className='tx-card staff-tiles'>
        {tools(community.id).map((tool) => (
          <View key={tool.key} className={`staff-tile e2e-staff-tool-${tool.key}`} onClick={() => Taro.navigateTo({ url: tool.url })}>
            <View className='staff-tile-icon'>{tool.glyph}</View>
            <View className='staff-tile-text'>{tool.text}</View>
          </View>
        ))}
      </View>
      <MemberList key={community.id} communityId={community.id} />
    </View>
  )
}

/** The console's tools; each works on the community chosen above. */
const tools = (communityId: string) => [
  { key: 'publish', text: '发布活动', glyph: '发', url: routes.staffPublish(communityId) },
  { key: 'activities', text: '活动管理', glyph: '活', url: routes.staffActivities(communityId) },
  { key: 'pickup', text: '兑换核销', glyph: '核', url: routes.staffPickup(communityId) },
  { key: 'items', text: '商品管理', glyph: '货', url: routes.staffItems(communityId) },
  { key: 'adjust', text: '积分调整', glyph: '分', url: routes.staffAdjust(communityId) },
  { key: 'wish-review', text: '心愿审核', glyph: '愿', url: routes.staffWishReview(communityId) },
  { key: 'member-roster', text: '报到审核', glyph: '报', url: routes.staffMemberRoster(communityId) },
  { key: 'news', text: '发布公告', glyph: '告', url: routes.staffNews(communityId) },
  { key: 'wish-post-for', text: '代居民发布', glyph: '代', url: routes.wishPostFor(communityId) },
  { key: 'suggestions', text: '建议办理', glyph: '议', url: routes.staffSuggestions(communityId) },
  { key: 'reminder-outbox', text: '提醒记录', glyph: '提', url: routes.reminderOutbox(communityId) },
  { key: 'units', text: '共建单位', glyph: '共', url: routes.staffUnits(communityId) },
  { key: 'demands', text: '需求清单', glyph: '需', url: routes.demands(communityId) },
  { key: 'unit-report', text: '共建台账', glyph: '账', url: routes.unitReport(communityId) },
  { key: 'dashboard', text: '数据看板', glyph: '数', url: routes.staffDashboard(communityId) },
  { key: 'venues', text: '场地管理', glyph: '场', url: routes.staffVenues(communityId) },
  { key: 'venue-day', text: '预约日程', glyph: '约', url: routes.staffVenueDay(communityId) },
]

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
