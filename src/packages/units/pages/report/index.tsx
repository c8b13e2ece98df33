import { View } from '@tarojs/components'
import { Button, Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api } from '@/api'
import FilterTabs from '@/components/filter-tabs'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { useAsync } from '@/hooks/use-async'
import { useParam } from '@/hooks/use-param'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { toApiError } from '@/utils/errors'
import { chinaToday } from '@/utils/format'
import { saveFile } from '@/utils/save-file'
import { doneCount, formatRate } from '../../commitments'
import BarChart from '../../components/bar-chart'
import './index.scss'

const TOAST_ID = 'report-toast'

type Report = Awaited<ReturnType<typeof api.units.report>>

/**
 * 共建台账 for a community and a year: the figures a year-end report asks
 * for ("共明确承诺事项×条，已完成×项；实现共享的场地、物资等×项"), a chart of
 * the year's commitments, and the XLSX for the 台账 binder.
 */
export default function ReportPage() {
  const communityId = useParam('communityId')
  // Only a district admin may ask for the whole 街道; everyone else sees no switch.
  const me = useAsync(() => api.users.me(), [])
  return (
    <PageShell name='unit-report'>
      <LoadState state={me.state} onRetry={me.reload} rows={6}>
        {(caller) => <Ledger communityId={communityId} districtId={caller.roles.find((r) => r.role === 'district_admin')?.scopeId ?? null} />}
      </LoadState>
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}

type Scope = 'community' | 'district'
const scopeLabels: Record<Scope, string> = { community: '本社区', district: '全街道' }

function Ledger({ communityId, districtId }: { communityId: string; districtId: string | null }) {
  // The 台账 year is Beijing's, whatever zone the phone or browser is set to.
  const thisYear = Number(chinaToday().slice(0, 4))
  const years = [String(thisYear), String(thisYear - 1)]
  const [year, setYear] = useState(years[0])
  const [scope, setScope] = useState<Scope>('community')
  const input = scope === 'district' && districtId ? { districtId, year: Number(year) } : { communityId, year: Number(year) }
  const { state, reload } = useAsync(() => api.units.report(input), [communityId, districtId, scope, year])
  useReloadTriggers(reload)
  const [exporting, setExporting] = useState(false)

  const exportXlsx = async () => {
    setExporting(true)
    try {
      await saveFile(await api.units.exportReport(input))
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setExporting(false)
    }
  }

  return (
    <View>
      {districtId ? <FilterTabs className='e2e-report-scope-switch' options={['community', 'district'] as Scope[]} labelOf={(s) => scopeLabels[s]} value={scope} onChange={setScope} /> : null}
      <FilterTabs className='e2e-report-year' options={years} labelOf={(y) => `${y} 年`} value={year} onChange={setYear} />
      <LoadState state={state} onRetry={reload} rows={6}>
        {(report) => <Figures report={report} />}
      </LoadState>
      <View className='report-actions'>
        <Button className='e2e-report-export' type='primary' fill='outline' block loading={exporting} disabled={exporting || state.status !== 'ready'} onClick={exportXlsx}>
          导出台账（Excel）
        </Button>
      </View>
    </View>
  )
}

function Figures({ report }: { report: Report }) {
  const { commitments } = report
  const tiles = [
    { key: 'units', label: '结对单位', value: report.unitsPaired },
    { key: 'made', label: '承诺事项', value: commitments.made },
    { key: 'completed', label: '已完成', value: doneCount(commitments) },
    { key: 'verified', label: '其中已验收', value: commitments.verified },
    { key: 'overdue', label: '已逾期', value: commitments.overdue },
    { key: 'rate', label: '完成率', value: formatRate(report.completionRate) },
    { key: 'resources', label: '共享资源', value: report.resourcesShared },
    { key: 'demands', label: '认领需求', value: `${report.demands.claimed}/${report.demands.published}` },
    { key: 'rating', label: '群众评议', value: report.averageRating === null ? '—' : report.averageRating.toFixed(1) },
  ]
  return (
    <View>
      <View className='report-scope e2e-report-scope'>
        {report.scope.name} · {report.scope.year} 年共驻共建
      </View>
      <View className='report-tiles'>
        {tiles.map((tile) => (
          <View key={tile.key} className={`report-tile e2e-report-${tile.key}`}>
            <View className='report-tile-value'>{tile.value}</View>
            <View className='report-tile-label'>{tile.label}</View>
          </View>
        ))}
      </View>
      <View className='tx-card'>
        <View className='report-chart-title'>承诺事项</View>
        <BarChart
          bars={[
            { label: '立下', value: commitments.made },
            { label: '已完成', value: doneCount(commitments) },
            { label: '其中已验收', value: commitments.verified },
            { label: '已逾期', value: commitments.overdue },
            { label: '已撤回', value: commitments.withdrawn },
          ]}
          unit='项'
        />
      </View>
      {report.perUnit.length > 0 ? (
        <View className='tx-card e2e-report-units'>
          <View className='report-chart-title'>各单位承诺事项</View>
          <BarChart bars={report.perUnit.map((unit) => ({ label: unit.unitName, value: unit.commitments.made }))} unit='项' />
          {report.perUnit.map((unit) => (
            <View key={unit.unitId} className={`report-unit-row e2e-report-unit-${unit.unitId}`}>
              {unit.unitName}：完成率 {formatRate(unit.completionRate)}，共享资源 {unit.resourcesShared} 项，认领需求 {unit.demandsClaimed} 项
              {unit.averageRating === null ? '' : `，评议 ${unit.averageRating.toFixed(1)} 分`}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
