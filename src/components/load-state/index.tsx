import { View } from '@tarojs/components'
import { Button, Empty, Skeleton } from '@nutui/nutui-react-taro'
import type { ReactNode } from 'react'
import type { AsyncState } from '@/hooks/use-async'
import './index.scss'

export function LoadingView({ rows = 3 }: { rows?: number }) {
  return (
    <View className='tx-state e2e-loading'>
      <Skeleton rows={rows} animated />
    </View>
  )
}

/** Shows the API's own message (Chinese, for users) and a way to try again. */
export function ErrorView({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <View className='tx-state e2e-error'>
      <Empty
        status='error'
        imageSize={64}
        image={<View className='tx-state-icon'>!</View>}
        title='加载失败'
        description={<View className='tx-state-message e2e-error-message'>{message}</View>}
      />
      <View className='tx-state-actions'>
        <Button className='e2e-retry' type='primary' size='small' onClick={onRetry}>
          重试
        </Button>
      </View>
    </View>
  )
}

export function EmptyView({ text, children }: { text: string; children?: ReactNode }) {
  return (
    <View className='tx-state e2e-empty'>
      <Empty imageSize={64} image={<View className='tx-state-icon'>○</View>} description={text} />
      {children}
    </View>
  )
}

interface LoadStateProps<T> {
  state: AsyncState<T>
  onRetry: () => void
  children: (data: T) => ReactNode
  isEmpty?: (data: T) => boolean
  emptyText?: string
  rows?: number
}

/** The three states every loaded view has, in one place so no page forgets one. */
export default function LoadState<T>({ state, onRetry, children, isEmpty, emptyText = '暂无内容', rows }: LoadStateProps<T>) {
  if (state.status === 'loading') return <LoadingView rows={rows} />
  if (state.status === 'error') return <ErrorView message={state.error.message} onRetry={onRetry} />
  if (isEmpty?.(state.data)) return <EmptyView text={emptyText} />
  return <>{children(state.data)}</>
}
