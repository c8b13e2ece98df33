import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Rate } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api } from '@/api'
import FilterTabs from '@/components/filter-tabs'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import { PhotoGrid } from '@/components/photos'
import { usePagedList } from '@/hooks/use-paged-list'
import { useParam } from '@/hooks/use-param'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { useReturns } from '@/hooks/use-shown'
import { formatDate } from '@/utils/format'
import { routes } from '@/utils/routes'
import { suggestionCategories } from '../../labels'
import type { PublicSuggestion, SuggestionCategory } from '../../types'
import './index.scss'

const filters = ['全部', ...suggestionCategories] as const
type Filter = (typeof filters)[number]

/** 办结公示: handled suggestions of the community with replies and results, names hidden. Open to everyone. */
export default function PublicSuggestionsPage() {
  const communityId = useParam('communityId')
  const returns = useReturns()
  const [filter, setFilter] = useState<Filter>('全部')
  const list = usePagedList(
    (page) =>
      api.suggestions.public({
        page,
        pageSize: 10,
        ...(communityId ? { communityId } : {}),
        ...(filter === '全部' ? {} : { category: filter as SuggestionCategory }),
      }),
    [communityId, filter, returns],
  )
  useReloadTriggers(list.reload)
  return (
    <PageShell name='suggestion-public'>
      <View className='suggestion-public-head'>
        <View className='suggestion-public-intro'>收集民意 → 解决问题 → 办结反馈</View>
        <View className='suggestion-public-tools'>
          <Button className='e2e-suggestion-public-mine' size='small' fill='outline' onClick={() => Taro.navigateTo({ url: routes.mySuggestions })}>
            我的建议
          </Button>
          <Button className='e2e-suggestion-public-submit' type='primary' size='small' onClick={() => Taro.navigateTo({ url: routes.suggestionSubmit })}>
            + 提建议
          </Button>
        </View>
      </View>
      <FilterTabs options={filters} value={filter} onChange={setFilter} />
      <PagedList className='e2e-suggestion-public-list' list={list} emptyText='还没有办结的建议' renderItem={(item) => <PublicItem key={item.id} item={item} />} />
    </PageShell>
  )
}

function PublicItem({ item }: { item: PublicSuggestion }) {
  return (
    <View className={`tx-card suggestion-public-item e2e-suggestion-public-item e2e-suggestion-public-${item.id}`}>
      <View className='suggestion-public-title'>{item.title}</View>
      <View className='tx-muted'>
        {item.category} · {item.submitterMasked} · {formatDate(item.createdAt)} 提出
        {item.closedAt ? ` · ${formatDate(item.closedAt)} 办结` : ''}
      </View>
      <View className='suggestion-public-content'>{item.content}</View>
      {item.replies.map((reply, index) => (
        <View key={index} className='suggestion-public-reply'>
          <View className='suggestion-public-label'>社区答复</View>
          {reply.text}
        </View>
      ))}
      <View className='suggestion-public-result e2e-suggestion-public-result'>
        <View className='suggestion-public-label'>办结结果</View>
        {item.result}
      </View>
      <PhotoGrid photos={item.resultPhotos} />
      {item.score !== null ? (
        <View className='suggestion-public-score'>
          <View className='tx-muted'>居民评价</View>
          <Rate value={item.score} readOnly />
        </View>
      ) : null}
    </View>
  )
}
