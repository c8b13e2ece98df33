import { View } from '@tarojs/components'
import { Button, Loading } from '@nutui/nutui-react-taro'
import type { PagedList } from '@/hooks/use-paged-list'
import './index.scss'

/** The end of a paged list: more to load, loading, a failed page, or the end. */
export default function ListFooter<T>({ list }: { list: PagedList<T> }) {
  if (list.loadingMore) {
    return (
      <View className='tx-list-footer e2e-loading-more'>
        <Loading>加载中…</Loading>
      </View>
    )
  }
  if (list.moreError) {
    return (
      <View className='tx-list-footer e2e-more-error'>
        <View className='tx-muted'>{list.moreError.message}</View>
        <Button className='e2e-retry' size='small' onClick={list.loadMore}>
          重试
        </Button>
      </View>
    )
  }
  if (list.hasMore) {
    return (
      <View className='tx-list-footer'>
        <Button className='e2e-load-more' size='small' fill='outline' onClick={list.loadMore}>
          加载更多
        </Button>
      </View>
    )
  }
  return <View className='tx-list-footer tx-muted e2e-list-end'>共 {list.total} 条，已经到底了</View>
}
