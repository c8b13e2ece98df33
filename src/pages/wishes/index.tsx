import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api, type WishCard, type WishCategory } from '@/api'
import FilterTabs from '@/components/filter-tabs'
import NewcomerGate from '@/components/newcomer-gate'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import WishItem from '@/components/wish-item'
import { wishCategories, wishStatusLabels } from '@/constants/labels'
import { usePagedList } from '@/hooks/use-paged-list'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { routes } from '@/utils/routes'
import './index.scss'

const ALL = '全部'
type Filter = WishCategory | typeof ALL
const filters: readonly Filter[] = [ALL, ...wishCategories]
type StatusFilter = WishCard['status'] | typeof ALL
const statusFilters = [ALL, ...(Object.keys(wishStatusLabels) as WishCard['status'][])] as const satisfies readonly StatusFilter[]
const statusLabel = (value: StatusFilter) => (value === ALL ? '全部状态' : wishStatusLabels[value])
const PAGE_SIZE = 10

export default function Wishes() {
  return (
    <PageShell name='wishes'>
      <NewcomerGate tab='wishes'>{() => <WishWall />}</NewcomerGate>
    </PageShell>
  )
}

function WishWall() {
  const [filter, setFilter] = useState<Filter>(ALL)
  const [status, setStatus] = useState<StatusFilter>(ALL)
  const list = usePagedList(
    (page) =>
      api.wishes.wall({ category: filter === ALL ? undefined : filter, status: status === ALL ? undefined : status, page, pageSize: PAGE_SIZE }),
    [filter, status],
  )
  useReloadTriggers(list.reload)

  return (
    <View>
      <View className='wishes-intro'>
        <View className='wishes-intro-title'>微心愿 · 心愿墙</View>
        <View className='tx-muted'>困难群众的小心愿，党员和共建单位来认领圆梦。为保护隐私，姓名已隐去部分。</View>
        <View className='wishes-intro-actions'>
          <Button className='e2e-wish-post' type='primary' size='small' onClick={() => Taro.navigateTo({ url: routes.wishPost })}>
            发布心愿
          </Button>
          <Button className='e2e-wish-mine' size='small' fill='outline' onClick={() => Taro.navigateTo({ url: routes.myWishes })}>
            我的心愿
          </Button>
        </View>
      </View>
      <FilterTabs className='e2e-wish-filter' options={filters} value={filter} onChange={setFilter} />
      <FilterTabs className='e2e-wish-status-filter' options={statusFilters} labelOf={statusLabel} value={status} onChange={setStatus} />
      <PagedList
        className='e2e-wish-list'
        list={list}
        emptyText={filter === ALL && status === ALL ? '心愿墙上还没有心愿' : '没有符合条件的心愿'}
        renderItem={(wish) => <WishItem key={wish.id} wish={wish} />}
      />
    </View>
  )
}
