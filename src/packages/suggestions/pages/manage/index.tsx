import { View } from '@tarojs/components'
import { useState } from 'react'
import { api } from '@/api'
import FilterTabs from '@/components/filter-tabs'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import { usePagedList } from '@/hooks/use-paged-list'
import { useParam } from '@/hooks/use-param'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { useReturns } from '@/hooks/use-shown'
import SuggestionCardView from '../../components/card'
import { suggestionStatusLabels } from '../../labels'
import type { SuggestionStatus } from '../../types'
import './index.scss'

/** The tabs in the order the work flows; 全部 last, for looking something up. */
const tabs = ['submitted', 'accepted', 'assigned', 'replied', 'closed', 'declined', 'withdrawn', 'all'] as const
type Tab = (typeof tabs)[number]

/** Staff: the community's suggestions by status, 待受理 first and oldest first, with counts per status. */
export default function SuggestionManagePage() {
  const communityId = useParam('communityId')
  const returns = useReturns()
  const [tab, setTab] = useState<Tab>('submitted')
  const [counts, setCounts] = useState<Record<SuggestionStatus, number> | null>(null)
  const list = usePagedList(async (page) => {
    const result = await api.suggestions.list({ communityId, page, pageSize: 10, ...(tab === 'all' ? {} : { status: tab }) })
    setCounts(result.counts)
    return result
  }, [communityId, tab, returns])
  useReloadTriggers(list.reload)

  const labelOf = (value: Tab) => {
    if (value === 'all') return '全部'
    const count = counts?.[value]
    return count ? `${suggestionStatusLabels[value]} ${count}` : suggestionStatusLabels[value]
  }

  return (
    <PageShell name='suggestion-manage'>
      <View className='suggestion-manage-head'>
        <View className='suggestion-manage-badge e2e-suggestion-pending-count'>
          待受理 <View className='suggestion-manage-badge-value'>{counts?.submitted ?? '…'}</View>
        </View>
        <View className='tx-muted'>受理 → 交办 → 答复 → 办结，每一步提出人都能看到</View>
      </View>
      <FilterTabs className='e2e-suggestion-tabs' options={tabs} value={tab} onChange={setTab} labelOf={labelOf} />
      <PagedList
        className='e2e-suggestion-queue'
        list={list}
        emptyText={tab === 'submitted' ? '没有待受理的建议' : '这里还没有建议'}
        renderItem={(item) => <SuggestionCardView key={item.id} item={item} showSubmitter />}
      />
    </PageShell>
  )
}
