import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api, type WishCategory } from '@/api'
import FilterTabs from '@/components/filter-tabs'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import WishItem from '@/components/wish-item'
import { wishCategories } from '@/constants/labels'
import { usePagedList } from '@/hooks/use-paged-list'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { routes } from '@/utils/routes'
import './index.scss'

const ALL = '全部'
type Filter = WishCategory | typeof ALL
const filters: readonly Filter[] = [ALL, ...wishCategories]
const PAGE_SIZE = 10

export default function Wishes() {
  const [filter, setFilter] = useState<Filter>(ALL)
  const list = usePagedList(
    (page) => api.wishes.wall({ category: filter === ALL ? undefined : filter, page, pageSize: PAGE_SIZE }),
    [filter],
  )
  useReloadTriggers(list.reload)

  return (
    <PageShell name='wishes'>
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
      <PagedList
        className='e2e-wish-list'
        list={list}
        emptyText={filter === ALL ? '心愿墙上还没有心愿' : `暂时没有「${filter}」类心愿`}
        renderItem={(wish) => <WishItem key={wish.id} wish={wish} />}
      />
    </PageShell>
  )
}
