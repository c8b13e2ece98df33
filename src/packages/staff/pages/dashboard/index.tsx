import { View } from '@tarojs/components'
import { Button, Toast } from '@nutui/nutui-react-taro'
import { useMemo, useState } from 'react'
import { api } from '@/api'
import Chart, { type ChartOption } from '@/components/chart'
import FilterTabs from '@/components/filter-tabs'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { colors } from '@/constants/theme'
import { useAsync } from '@/hooks/use-async'
import { useLargeText } from '@/hooks/use-large-text'
import { useParam } from '@/hooks/use-param'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { toApiError } from '@/utils/errors'
import { chinaToday } from '@/utils/format'
import { saveFile } from '@/utils/save-file'
import './index.scss'

const TOAST_ID = 'dashboard-toast'

type Overview = Awaited<ReturnType<typeof api.dashboard.overview>>
type Figures = Overview['figures']
type PeriodKind = 'month' | 'year'
type ScopeKind = 'community' | 'district'

interface Scopes {
  community: { id: string; name: string }
  /** The community's 街道, when the caller administers it. */
  district: { id: string; name: string } | null
}

/** The 街道 view is offered only to an admin of the community's district; the server checks again. */
async function loadScopes(communityId: string): Promise<Scopes> {
  const me = await api.users.me()
  const administered = new Set(me.roles.filter((role) => role.role === 'district_admin').map((role) => role.scopeId))
  const ownName = me.roles.find((role) => role.scopeId === communityId)?.scopeName
  if (administered.size === 0) return { community: { id: communityId, name: ownName ?? '' }, district: null }
  const directory = await api.communities.list()
  for (const district of directory.districts) {
    const community = district.communities.find((c) => c.id === communityId)
    if (community) return { community: { id: community.id, name: community.name }, district: administered.has(district.id) ? { id: district.id, name: district.name } : null }
  }
  return { community: { id: communityId, name: ownName ?? '' }, district: null }
}

/** Beijing-time calendar month of the device clock, as the server counts periods. */
function currentMonth(): { year: number; month: number } {
  const [year, month] = chinaToday().split('-').map(Number)
  return { year, month }
}

const monthLabel = (year: number, month: number): string => `${year}-${String(month).padStart(2, '0')}`

/**
 * 数据看板: what a community (or, for a district admin, the 街道) did this
 * month or this year — activities, volunteers, points, wishes, commitments,
 * suggestions, bookings and 满意度 — with the year's monthly trend and the
 * same figures as an XLSX 台账.
 */
export default function DashboardPage() {
  const communityId = useParam('communityId')
  const { state, reload } = useAsync(() => loadScopes(communityId), [communityId])
  useReloadTriggers(reload)
  return (
    <PageShell name='dashboard'>
      <LoadState state={state} onRetry={reload} rows={6}>
        {(scopes) => <Dashboard scopes={scopes} />}
      </LoadState>
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}

function Dashboard({ scopes }: { scopes: Scopes }) {
  const now = currentMonth()
  const [kind, setKind] = useState<PeriodKind>('month')
  const [cursor, setCursor] = useState(now)
  const [scope, setScope] = useState<ScopeKind>('community')
  const period = kind === 'month' ? { kind: 'month' as const, month: monthLabel(cursor.year, cursor.month) } : { kind: 'year' as const, year: cursor.year }
  const target = scope === 'district' && scopes.district ? { districtId: scopes.district.id } : { communityId: scopes.community.id }
  const key = JSON.stringify({ target, period })
  const { state, reload } = useAsync(() => api.dashboard.overview({ ...target, period }), [key])
  useReloadTriggers(reload)
  const [exporting, setExporting] = useState(false)

  const step = (by: number) => {
    if (kind === 'year') return setCursor({ year: cursor.year + by, month: cursor.month })
    const index = cursor.year * 12 + cursor.month - 1 + by
    setCursor({ year: Math.floor(index / 12), month: (index % 12) + 1 })
  }
  const atLatest = kind === 'year' ? cursor.year >= now.year : cursor.year * 12 + cursor.month >= now.year * 12 + now.month

  const exportXlsx = async () => {
    setExporting(true)
    try {
      await saveFile(await api.dashboard.export({ ...target, period }))
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setExporting(false)
    }
  }

  const scopeName = (value: ScopeKind) => (value === 'district' ? (scopes.district?.name ?? '街道') : scopes.community.name)
  return (
    <View>
      {scopes.district ? <FilterTabs className='e2e-dashboard-scope-switch' options={['community', 'district'] as ScopeKind[]} labelOf={scopeName} value={scope} onChange={setScope} /> : null}
      <FilterTabs className='e2e-dashboard-period-kind' options={['month', 'year'] as PeriodKind[]} labelOf={(value) => (value === 'month' ? '按月' : '按年')} value={kind} onChange={setKind} />
      <View className='dashboard-stepper'>
        <View className='dashboard-step e2e-dashboard-previous' onClick={() => step(-1)}>
          ‹ 上一{kind === 'month' ? '月' : '年'}
        </View>
        <View className='dashboard-period e2e-dashboard-period'>{kind === 'month' ? `${cursor.year} 年 ${cursor.month} 月` : `${cursor.year} 年`}</View>
        <View className={`dashboard-step e2e-dashboard-next${atLatest ? ' dashboard-step-off' : ''}`} aria-disabled={atLatest} onClick={() => (atLatest ? undefined : step(1))}>
          下一{kind === 'month' ? '月' : '年'} ›
        </View>
      </View>
      <LoadState state={state} onRetry={reload} rows={8}>
        {(overview) => <Board overview={overview} />}
      </LoadState>
      <View className='dashboard-actions'>
        <Button className='e2e-dashboard-export' type='primary' fill='outline' block loading={exporting} disabled={exporting || state.status !== 'ready'} onClick={exportXlsx}>
          导出数据台账（Excel）
        </Button>
      </View>
    </View>
  )
}

const percent = (rate: number | null): string => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`)

interface Tile {
  key: string
  label: string
  value: string | number
  unit?: string
}

function tilesOf(figures: Figures, commitments: Overview['commitments']): Array<{ title: string; tiles: Tile[] }> {
  return [
    {
      title: '志愿服务',
      tiles: [
        { key: 'activities', label: '开展活动', value: figures.activitiesHeld, unit: '场' },
        { key: 'participants', label: '参与人数', value: figures.participants, unit: '人' },
        { key: 'attendances', label: '参与人次', value: figures.attendances, unit: '人次' },
        { key: 'hours', label: '服务时长', value: figures.volunteerHours, unit: '小时' },
        { key: 'points-issued', label: '发放积分', value: figures.pointsIssued, unit: '分' },
        { key: 'points-redeemed', label: '兑换积分', value: figures.pointsRedeemed, unit: '分' },
      ],
    },
    {
      title: '微心愿与共建',
      tiles: [
        { key: 'wishes-posted', label: '心愿发布', value: figures.wishes.posted, unit: '个' },
        { key: 'wishes-claimed', label: '心愿认领', value: figures.wishes.claimed, unit: '个' },
        { key: 'wishes-fulfilled', label: '心愿完成', value: figures.wishes.fulfilled, unit: '个' },
        { key: 'commitments-made', label: `${commitments.year}年承诺`, value: commitments.made, unit: '条' },
        { key: 'commitments-completed', label: '承诺完成', value: commitments.completed, unit: '项' },
        { key: 'bookings', label: '场地预约', value: figures.bookings, unit: '次' },
      ],
    },
    {
      title: '民意回应',
      tiles: [
        { key: 'suggestions-received', label: '收到建议', value: figures.suggestions.received, unit: '条' },
        { key: 'suggestions-closed', label: '办结建议', value: figures.suggestions.closed, unit: '条' },
        { key: 'response-hours', label: '平均响应', value: figures.suggestions.averageResponseHours ?? '—', unit: figures.suggestions.averageResponseHours === null ? '' : '小时' },
        { key: 'satisfaction', label: '满意度', value: percent(figures.satisfaction.rate), unit: '' },
        { key: 'ratings', label: '评议条数', value: figures.satisfaction.ratings, unit: '条' },
      ],
    },
  ]
}

const isQuiet = (figures: Figures): boolean =>
  figures.activitiesHeld + figures.attendances + figures.pointsIssued + figures.wishes.posted + figures.suggestions.received + figures.bookings + figures.satisfaction.ratings === 0

function Board({ overview }: { overview: Overview }) {
  const [large] = useLargeText()
  const { figures } = overview
  return (
    <View>
      <View className='dashboard-scope e2e-dashboard-scope'>
        {overview.scope.name} · {overview.period.kind === 'month' ? `${overview.period.label.replace('-', ' 年 ')} 月` : `${overview.period.year} 年`}
      </View>
      {isQuiet(figures) ? <View className='dashboard-quiet e2e-dashboard-quiet'>本期还没有活动、心愿、建议或预约记录</View> : null}
      {tilesOf(figures, overview.commitments).map((group) => (
        <View key={group.title} className='tx-card dashboard-group'>
          <View className='dashboard-group-title'>{group.title}</View>
          <View className='dashboard-tiles'>
            {group.tiles.map((tile) => (
              <View key={tile.key} className={`dashboard-tile e2e-dashboard-${tile.key}`}>
                <View className='dashboard-tile-value'>
                  <View className='dashboard-tile-number e2e-dashboard-value'>{tile.value}</View>
                  {tile.unit ? <View className='dashboard-tile-unit'>{tile.unit}</View> : null}
                </View>
                <View className='dashboard-tile-label'>{tile.label}</View>
              </View>
            ))}
          </View>
        </View>
      ))}
      <Charts overview={overview} large={large} />
      {overview.perCommunity.length > 0 ? (
        <View className='tx-card e2e-dashboard-communities'>
          <View className='dashboard-group-title'>各社区</View>
          {overview.perCommunity.map((row) => (
            <View key={row.communityId} className={`dashboard-community e2e-dashboard-community-${row.communityId}`}>
              <View className='dashboard-community-name'>{row.name}</View>
              <View className='dashboard-community-figures'>
                活动 {row.figures.activitiesHeld} 场 · 参与 {row.figures.attendances} 人次 · 时长 {row.figures.volunteerHours} 小时 · 建议 {row.figures.suggestions.received} 条 · 满意度{' '}
                {percent(row.figures.satisfaction.rate)}
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}

function Charts({ overview, large }: { overview: Overview; large: boolean }) {
  const fontSize = large ? 16 : 12
  const { figures, series } = overview
  const options = useMemo(() => {
    const months = series.map((point) => `${Number(point.month.slice(5))}月`)
    const axis = { axisLabel: { fontSize }, axisTick: { show: false } }
    const grid = { left: 36, right: 12, top: 36, bottom: 24 }
    const monthly: ChartOption | null = series.length
      ? {
          grid,
          tooltip: { trigger: 'axis' },
          legend: { top: 0, textStyle: { fontSize } },
          xAxis: { type: 'category', data: months, ...axis },
          yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize } },
          series: [
            { name: '开展活动（场）', type: 'bar', data: series.map((point) => point.figures.activitiesHeld), itemStyle: { color: colors.primary } },
            { name: '参与人数（人）', type: 'bar', data: series.map((point) => point.figures.participants), itemStyle: { color: colors.info } },
          ],
        }
      : null
    const hours: ChartOption | null = series.length
      ? {
          grid,
          tooltip: { trigger: 'axis' },
          legend: { top: 0, textStyle: { fontSize } },
          xAxis: { type: 'category', data: months, boundaryGap: false, ...axis },
          yAxis: { type: 'value', axisLabel: { fontSize } },
          series: [{ name: '志愿服务时长（小时）', type: 'line', areaStyle: { opacity: 0.15 }, data: series.map((point) => point.figures.volunteerHours), itemStyle: { color: colors.primary } }],
        }
      : null
    const flow: ChartOption = {
      grid,
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: ['心愿发布', '心愿认领', '心愿完成', '收到建议', '办结建议'], axisLabel: { fontSize, interval: 0 }, axisTick: { show: false } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 32,
          label: { show: true, position: 'top', fontSize },
          data: [figures.wishes.posted, figures.wishes.claimed, figures.wishes.fulfilled, figures.suggestions.received, figures.suggestions.closed],
          itemStyle: { color: colors.info },
        },
      ],
    }
    const rate = figures.satisfaction.rate
    const satisfaction: ChartOption = {
      series: [
        {
          type: 'gauge',
          min: 0,
          max: 100,
          progress: { show: true, width: 14 },
          axisLine: { lineStyle: { width: 14 } },
          axisTick: { show: false },
          splitLine: { show: false },
          axisLabel: { show: false },
          pointer: { show: false },
          itemStyle: { color: colors.primary },
          title: { offsetCenter: [0, '30%'], fontSize },
          detail: { offsetCenter: [0, '-5%'], fontSize: fontSize * 2, formatter: rate === null ? '暂无评价' : '{value}%', color: colors.primary },
          data: [{ value: rate === null ? 0 : Math.round(rate * 1000) / 10, name: `${figures.satisfaction.ratings} 条评价` }],
        },
      ],
    }
    return { monthly, hours, flow, satisfaction }
  }, [figures, series, fontSize])

  return (
    <View>
      {options.monthly ? (
        <View className='tx-card dashboard-chart e2e-dashboard-chart-monthly'>
          <View className='dashboard-group-title'>每月活动与参与</View>
          <Chart option={options.monthly} height={large ? 280 : 240} />
        </View>
      ) : null}
      {options.hours ? (
        <View className='tx-card dashboard-chart e2e-dashboard-chart-hours'>
          <View className='dashboard-group-title'>每月志愿服务时长</View>
          <Chart option={options.hours} height={large ? 280 : 220} />
        </View>
      ) : null}
      <View className='tx-card dashboard-chart e2e-dashboard-chart-flow'>
        <View className='dashboard-group-title'>心愿与建议办理</View>
        <Chart option={options.flow} height={large ? 280 : 220} />
      </View>
      <View className='tx-card dashboard-chart e2e-dashboard-chart-satisfaction'>
        <View className='dashboard-group-title'>群众满意度（4–5 星占比）</View>
        <Chart option={options.satisfaction} height={large ? 260 : 220} />
      </View>
    </View>
  )
}
