import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api, type StaffWish } from '@/api'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import ReviewTag from '@/components/review-tag'
import { wishAnyStatusLabels } from '@/constants/labels'
import { usePagedList } from '@/hooks/use-paged-list'
import { useParam } from '@/hooks/use-param'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { useReturns } from '@/hooks/use-shown'
import { toApiError } from '@/utils/errors'
import { formatDateTime } from '@/utils/format'
import { routes } from '@/utils/routes'
import { PhotoGrid } from '@/components/photos'
import ReasonSheet from '../../components/reason-sheet'
import './index.scss'
import { PhoneLink } from '@/components/contact'

const TOAST_ID = 'wish-review-toast'

/** Staff: wishes waiting for review (oldest first is the server's call), with the community's counts by status. */
export default function WishReviewPage() {
  const communityId = useParam('communityId')
  const returns = useReturns()
  const [counts, setCounts] = useState<Record<string, number> | null>(null)
  const [held, setHeld] = useState<StaffWish[]>([])
  const list = usePagedList(async (page) => {
    const result = await api.wishes.reviewQueue({ communityId, page, pageSize: 10 })
    setCounts(result.counts)
    setHeld(result.held)
    return result
  }, [communityId, returns])
  useReloadTriggers(list.reload)
  const [rejecting, setRejecting] = useState<StaffWish | null>(null)
  const [busy, setBusy] = useState<string | null>(null)

  const review = async (wish: StaffWish, decision: 'approve' | 'reject', reason?: string) => {
    if (busy) return
    setBusy(wish.id)
    try {
      await api.wishes.review({ wishId: wish.id, decision, ...(reason ? { reason } : {}) })
      Toast.show(TOAST_ID, { content: decision === 'approve' ? '已通过，心愿上墙' : '已退回，心愿人会看到原因', icon: 'success' })
      setRejecting(null)
      list.reload()
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setBusy(null)
    }
  }

  /** A held fulfilment note or thank-you: 公开 publishes it, 不予公开 keeps it from the public. */
  const settle = async (wish: StaffWish, decision: 'clear' | 'reject') => {
    if (busy) return
    setBusy(wish.id)
    try {
      await api.wishes.reviewContent({ wishId: wish.id, decision, ...(decision === 'reject' ? { reason: '内容不宜公开' } : {}) })
      Toast.show(TOAST_ID, { content: decision === 'clear' ? '已公开' : '已设为不公开', icon: 'success' })
      list.reload()
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setBusy(null)
    }
  }

  return (
    <PageShell name='wish-review'>
      <View className='review-head'>
        <View className='review-counts e2e-review-counts'>
          {counts
            ? (['pending', 'open', 'claimed', 'fulfilled', 'confirmed'] as const).map((status) => (
                <View key={status} className={`review-count e2e-review-count-${status}`}>
                  <View className='review-count-value'>{counts[status] ?? 0}</View>
                  <View className='review-count-label'>{wishAnyStatusLabels[status]}</View>
                </View>
              ))
            : null}
        </View>
        <Button className='e2e-review-post-for' type='primary' size='small' onClick={() => Taro.navigateTo({ url: routes.wishPostFor(communityId) })}>
          + 代居民发布
        </Button>
      </View>
      {held.length > 0 ? (
        <View className='e2e-review-held'>
          <View className='tx-muted review-meta'>内容安全检查暂不可用时提交的完成说明、感谢语，人工审核后才对其他人公开：</View>
          {held.map((wish) => (
            <View key={wish.id} className={`tx-card review-item e2e-review-held-${wish.id}`}>
              <View className='review-title' onClick={() => Taro.navigateTo({ url: routes.wishDetail(wish.id) })}>
                {wish.title} <ReviewTag state={wish.contentReview} />
              </View>
              {wish.fulfilment?.note ? <View className='review-story'>完成说明：{wish.fulfilment.note}</View> : null}
              {wish.confirmation?.comment ? <View className='review-story'>评价：{wish.confirmation.comment}</View> : null}
              {wish.confirmation?.story ? <View className='review-story'>微故事：{wish.confirmation.story}</View> : null}
              <View className='review-tools'>
                <Button className='e2e-held-reject' size='small' fill='outline' disabled={busy !== null} onClick={() => settle(wish, 'reject')}>
                  不予公开
                </Button>
                <Button className='e2e-held-clear' size='small' type='primary' loading={busy === wish.id} disabled={busy !== null} onClick={() => settle(wish, 'clear')}>
                  公开
                </Button>
              </View>
            </View>
          ))}
        </View>
      ) : null}
      <PagedList
        className='e2e-review-queue'
        list={list}
        emptyText='没有待审核的心愿'
        renderItem={(wish) => (
          <View key={wish.id} className={`tx-card review-item e2e-review-item e2e-review-${wish.id}`}>
            <View className='review-title' onClick={() => Taro.navigateTo({ url: routes.wishDetail(wish.id) })}>
              {wish.title} <ReviewTag state={wish.contentReview} />
            </View>
            <View className='tx-muted review-meta'>
              {wish.category} · {wish.beneficiary.name} · {formatDateTime(wish.createdAt)}
            </View>
            {wish.beneficiary.phone ? <PhoneLink phone={wish.beneficiary.phone} /> : null}
            {wish.beneficiary.address ? <View className='tx-muted review-meta'>{wish.beneficiary.address}</View> : null}
            <View className='review-story'>{wish.story}</View>
            <PhotoGrid photos={wish.photos} />
            <View className='review-tools'>
              <Button className='e2e-review-reject' size='small' fill='outline' disabled={busy !== null} onClick={() => setRejecting(wish)}>
                退回
              </Button>
              <Button className='e2e-review-approve' size='small' type='primary' loading={busy === wish.id} disabled={busy !== null} onClick={() => review(wish, 'approve')}>
                通过
              </Button>
            </View>
          </View>
        )}
      />
      {rejecting ? (
        <ReasonSheet
          toastId={TOAST_ID}
          name='reject'
          title={`退回 · ${rejecting.title}`}
          hint='心愿人会看到退回原因，修改后可以重新提交。'
          placeholder='原因，如：请补充具体需要的物品'
          minLength={2}
          missing='请写明退回原因（至少 2 个字）'
          submitText='确认退回'
          busy={busy !== null}
          onClose={() => setRejecting(null)}
          onSubmit={(reason) => review(rejecting, 'reject', reason)}
        />
      ) : null}
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}
