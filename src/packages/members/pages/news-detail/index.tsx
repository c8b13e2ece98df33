import { Image, RichText, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Tag, Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api, type AnnouncementView } from '@/api'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { colors } from '@/constants/theme'
import { useAsync } from '@/hooks/use-async'
import { useParam } from '@/hooks/use-param'
import { useShare } from '@/hooks/use-share'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { useReturns } from '@/hooks/use-shown'
import { toApiError } from '@/utils/errors'
import { formatDateTime } from '@/utils/format'
import { routes } from '@/utils/routes'
import ReasonSheet from '../../components/reason-sheet'
import { withViewableImages } from '../../rich-text'
import './index.scss'

const TOAST_ID = 'news-detail-toast'
const kindLabels: Record<AnnouncementView['kind'], string> = { news: '社区新闻', notice: '通知公告' }

/** One announcement: the server's sanitised HTML in RichText; staff of the community edit, pin and withdraw here. */
export default function NewsDetailPage() {
  const announcementId = useParam('id')
  const returns = useReturns()
  const { state, reload } = useAsync(async () => {
    const announcement = await api.announcements.detail({ announcementId })
    return { ...announcement, html: await withViewableImages(announcement.html) }
  }, [announcementId, returns])
  useReloadTriggers(reload)
  useShare({ title: state.status === 'ready' ? state.data.title : null, path: '/packages/members/pages/news-detail/index', query: `id=${encodeURIComponent(announcementId)}` })
  return (
    <PageShell name='news-detail'>
      <LoadState state={state} onRetry={reload} rows={8}>
        {(announcement) => <Article announcement={announcement} onChanged={reload} />}
      </LoadState>
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}

function Article({ announcement, onChanged }: { announcement: AnnouncementView; onChanged: () => void }) {
  // The server sends the Markdown source to staff of the community only: it doubles as the right to edit.
  const isStaff = announcement.source !== undefined
  const [busy, setBusy] = useState(false)
  const [withdrawing, setWithdrawing] = useState(false)
  const run = async (work: () => Promise<unknown>, done: string) => {
    if (busy) return
    setBusy(true)
    try {
      await work()
      Toast.show(TOAST_ID, { content: done, icon: 'success' })
      setWithdrawing(false)
      onChanged()
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='news-article e2e-news-article'>
      <View className='news-article-title e2e-news-article-title'>{announcement.title}</View>
      <View className='news-article-meta'>
        <Tag className='tx-tag' plain background={colors.info}>
          {kindLabels[announcement.kind]}
        </Tag>
        {announcement.pinned ? (
          <Tag className='tx-tag' plain background={colors.primary}>
            置顶
          </Tag>
        ) : null}
        <View className='tx-muted'>{formatDateTime(announcement.publishedAt)}</View>
      </View>
      {announcement.status === 'withdrawn' ? (
        <View className='news-withdrawn e2e-news-withdrawn'>已撤回{announcement.withdrawReason ? `：${announcement.withdrawReason}` : ''}</View>
      ) : null}
      {announcement.cover ? <Image className='news-article-cover' src={announcement.cover} mode='widthFix' /> : null}
      <RichText className='news-article-body e2e-news-body' nodes={announcement.html} />
      {isStaff && announcement.status === 'published' ? (
        <View className='news-tools'>
          <Button className='e2e-news-withdraw' size='small' fill='outline' disabled={busy} onClick={() => setWithdrawing(true)}>
            撤回
          </Button>
          <Button
            className='e2e-news-pin'
            size='small'
            fill='outline'
            disabled={busy}
            onClick={() => run(() => api.announcements.pin({ announcementId: announcement.id, pinned: !announcement.pinned }), announcement.pinned ? '已取消置顶' : '已置顶')}
          >
            {announcement.pinned ? '取消置顶' : '置顶'}
          </Button>
          <Button className='e2e-news-edit' size='small' type='primary' disabled={busy} onClick={() => Taro.navigateTo({ url: routes.newsEdit(announcement.id) })}>
            编辑
          </Button>
        </View>
      ) : null}
      {withdrawing ? (
        <ReasonSheet
          toastId={TOAST_ID}
          name='news-withdraw'
          title={`撤回 · ${announcement.title}`}
          hint='撤回后居民不再看到这条公告，原因记入操作记录。'
          placeholder='原因，如：时间有变，另行通知'
          submitText='确认撤回'
          busy={busy}
          onClose={() => setWithdrawing(false)}
          onSubmit={(reason) => run(() => api.announcements.withdraw({ announcementId: announcement.id, reason }), '已撤回')}
        />
      ) : null}
    </View>
  )
}
