import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { api } from '@/api'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { useAsync } from '@/hooks/use-async'
import { useParam } from '@/hooks/use-param'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { formatDate } from '@/utils/format'
import { routes } from '@/utils/routes'
import './index.scss'

type Showcase = Awaited<ReturnType<typeof api.units.showcase>>

/**
 * 共建风采: the public face of 共驻共建 — who co-builds with the community
 * and the promises they kept (verified commitments) with residents' ratings.
 * Public fields only: the server sends no contact.
 */
export default function ShowcasePage() {
  const communityId = useParam('communityId')
  const { state, reload } = useAsync(() => api.units.showcase({ communityId }), [communityId])
  useReloadTriggers(reload)
  return (
    <PageShell name='unit-showcase'>
      <LoadState state={state} onRetry={reload} rows={5} isEmpty={(showcase) => showcase.units.length === 0} emptyText='还没有结对的共建单位'>
        {(showcase) => <Units showcase={showcase} />}
      </LoadState>
    </PageShell>
  )
}

const stars = (average: number) => `${'★'.repeat(Math.round(average))}${'☆'.repeat(5 - Math.round(average))}`

function Units({ showcase }: { showcase: Showcase }) {
  const kept = showcase.units.reduce((sum, unit) => sum + unit.commitments.length, 0)
  return (
    <View>
      <View className='showcase-banner e2e-showcase-summary'>
        <View className='showcase-title'>{showcase.community.name} · 共驻共建</View>
        <View className='showcase-sub'>
          {showcase.units.length} 家单位结对共建，已兑现承诺 {kept} 项
        </View>
      </View>
      {showcase.units.map((unit) => (
        <View key={unit.id} className={`tx-card showcase-unit e2e-showcase-unit e2e-showcase-unit-${unit.id}`} onClick={() => Taro.navigateTo({ url: routes.unitDetail(unit.id) })}>
          <View className='showcase-unit-name'>{unit.name}</View>
          <View className='showcase-meta'>
            {unit.kind} · {unit.partyOrg} · {formatDate(unit.signedAt)} 签订共建协议
          </View>
          {unit.commitments.length === 0 ? <View className='showcase-meta'>本年度承诺事项正在推进中</View> : null}
          {unit.commitments.map((commitment) => (
            <View key={commitment.id} className={`showcase-commitment e2e-showcase-commitment e2e-showcase-commitment-${commitment.id}`}>
              <View className='showcase-commitment-title'>
                {commitment.year} 年 · {commitment.title}
              </View>
              <View className='showcase-meta'>{commitment.category}</View>
              {commitment.evidence ? <View>{commitment.evidence}</View> : null}
              <View className='showcase-meta e2e-showcase-rating'>
                {commitment.averageRating === null ? '暂无群众评议' : `群众评议 ${stars(commitment.averageRating)} ${commitment.averageRating.toFixed(1)} 分（${commitment.ratings} 人）`}
              </View>
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}
