import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Dialog, Tag, Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api, type MyWish } from '@/api'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import { wishAnyStatusLabels } from '@/constants/labels'
import { colors } from '@/constants/theme'
import { usePagedList } from '@/hooks/use-paged-list'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { useReturns } from '@/hooks/use-shown'
import { toApiError } from '@/utils/errors'
import { formatDate } from '@/utils/format'
import { routes } from '@/utils/routes'
import './index.scss'

const TOAST_ID = 'my-wishes-toast'

/** Wishes the caller posted, in every status; a wish not yet claimed can still be edited or withdrawn. */
export default function MyWishesPage() {
  const returns = useReturns()
  const list = usePagedList((page) => api.wishes.mine({ page, pageSize: 10 }), [returns])
  useReloadTriggers(list.reload)
  const [withdrawing, setWithdrawing] = useState<MyWish | null>(null)

  const withdraw = async (wish: MyWish) => {
    setWithdrawing(null)
    try {
      await api.wishes.withdraw({ wishId: wish.id })
      Toast.show(TOAST_ID, { content: '心愿已撤回', icon: 'success' })
      list.reload()
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    }
  }

  return (
    <PageShell name='my-wishes'>
      <View className='my-wishes-head'>
        <Button className='e2e-my-wishes-post' type='primary' size='small' onClick={() => Taro.navigateTo({ url: routes.wishPost })}>
          + 发布心愿
        </Button>
      </View>
      <PagedList
        className='e2e-my-wishes'
        list={list}
        emptyText='还没有发布过心愿'
        renderItem={(wish) => (
          // A full-width row: a Cell's extra column squeezed the text and broke dates mid-word in 长辈版.
          <View key={wish.id} className={`tx-row e2e-my-wish e2e-my-wish-${wish.id}`} onClick={() => Taro.navigateTo({ url: routes.wishDetail(wish.id) })}>
            <View className='tx-row-head'>
              <View className='my-wish-title'>{wish.title}</View>
              <Tag className='tx-tag e2e-my-wish-status' plain background={wish.status === 'rejected' ? colors.muted : colors.primary}>
                {wishAnyStatusLabels[wish.status]}
              </Tag>
            </View>
              <View className='my-wish-meta'>
                <View className='tx-wrap-items'>
                  <View className='tx-nowrap'>{wish.category}</View>
                  <View className='tx-nowrap'>{formatDate(wish.createdAt)}</View>
                </View>
                {wish.status === 'rejected' && wish.rejectReason ? <View className='my-wish-reject e2e-my-wish-reject'>未通过：{wish.rejectReason}</View> : null}
                {wish.status === 'pending' || wish.status === 'open' ? (
                  <View className='my-wish-tools'>
                    <Button className='e2e-my-wish-edit' size='small' fill='outline' onClick={(event) => {
                      event.stopPropagation()
                      void Taro.navigateTo({ url: routes.wishEdit(wish.id) })
                    }}>
                      修改
                    </Button>
                    <Button className='e2e-my-wish-withdraw' size='small' fill='outline' onClick={(event) => {
                      event.stopPropagation()
                      setWithdrawing(wish)
                    }}>
                      撤回
                    </Button>
                  </View>
                ) : null}
              </View>
          </View>
        )}
      />
      <Dialog
        visible={withdrawing !== null}
        title='撤回心愿'
        content='撤回后心愿不再显示在心愿墙上，确定吗？'
        confirmText='撤回'
        cancelText='再想想'
        onConfirm={() => {
          if (withdrawing) void withdraw(withdrawing)
        }}
        onCancel={() => setWithdrawing(null)}
      />
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}
