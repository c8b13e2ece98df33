import { View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import type { ReactNode } from 'react'
import ListFooter from '@/components/list-footer'
import { EmptyView, ErrorView, LoadingView } from '@/components/load-state'
import type { PagedList as PagedListState } from '@/hooks/use-paged-list'

interface Props<T> {
  list: PagedListState<T>
  emptyText: string
  className?: string
  renderItem: (item: T) => ReactNode
}

/** A paged list with its states; scrolling to the bottom loads the next page too. */
export default function PagedList<T>({ list, emptyText, className, renderItem }: Props<T>) {
  useReachBottom(list.loadMore)

  if (list.status === 'loading') return <LoadingView rows={5} />
  if (list.status === 'error' && list.error) return <ErrorView message={list.error.message} onRetry={list.reload} />
  if (list.items.length === 0) return <EmptyView text={emptyText} />
  return (
    <View className={className}>
      {list.items.map(renderItem)}
      <ListFooter list={list} />
    </View>
  )
}
