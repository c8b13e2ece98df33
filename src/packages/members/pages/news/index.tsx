import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api, type AnnouncementCard } from '@/api'
import AnnouncementItem from '@/components/announcement-item'
import FilterTabs from '@/components/filter-tabs'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import { usePagedList } from '@/hooks/use-paged-list'
import { useParam } from '@/hooks/use-param'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { useReturns } from '@/hooks/use-shown'
import { routes } from '@/utils/routes'
import './index.scss'

const readerTabs = ['all', 'notice', 'news'] as const
const staffTabs = [...readerTabs, 'withdrawn'] as const
type Tab = (typeof staffTabs)[number]
const tabLabels: Record<Tab, string> = { all: '全部', notice: '通知公告', news: '社区新闻', withdrawn: '已撤回' }

/** 社区公告: pinned first, then newest. From the staff console (`manage=1`) it also publishes and shows withdrawn ones. */
export default function NewsPage() {
  const communityId = useParam('communityId')
  const manage = useParam('manage') === '1'
  const returns = useReturns()
  const [tab, setTab] = useState<Tab>('all')
  const list = usePagedList(
    (page) =>
      api.announcements.list({
        communityId,
        page,
        pageSize: 10,
        ...(tab === 'withdrawn' ? { status: 'withdrawn' as const } : {}),
        ...(tab === 'news' || tab === 'notice' ? { kind: tab } : {}),
      }),
    [communityId, tab, returns],
  )
  useReloadTriggers(list.reload)
  return (
    <PageShell name='news'>
      {manage ? (
        <View className='news-head'>
          <View className='tx-muted'>居民在首页和这里看到已发布的公告</View>
          <Button className='e2e-news-publish' type='primary' size='small' onClick={() => Taro.navigateTo({ url: routes.newsPublish(communityId) })}>
            + 发布公告
          </Button>
        </View>
      ) : null}
      <FilterTabs className='e2e-news-tabs' options={manage ? staffTabs : readerTabs} value={tab} onChange={setTab} labelOf={(value) => tabLabels[value]} />
      <PagedList
        className='e2e-news-list'
        list={list}
        emptyText={tab === 'withdrawn' ? '没有撤回的公告' : '还没有公告'}
        renderItem={(announcement: AnnouncementCard) => <AnnouncementItem key={announcement.id} announcement={announcement} />}
      />
    </PageShell>
  )
}
