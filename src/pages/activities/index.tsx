import { useState } from 'react'
import { api, type ActivityType } from '@/api'
import ActivityItem from '@/components/activity-item'
import FilterTabs from '@/components/filter-tabs'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import { activityTypes } from '@/constants/labels'
import { usePagedList } from '@/hooks/use-paged-list'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'

const ALL = '全部'
type Filter = ActivityType | typeof ALL
const filters: readonly Filter[] = [ALL, ...activityTypes]
const PAGE_SIZE = 10

export default function Activities() {
  const [filter, setFilter] = useState<Filter>(ALL)
  const list = usePagedList(
    (page) => api.activities.list({ type: filter === ALL ? undefined : filter, page, pageSize: PAGE_SIZE }),
    [filter],
  )
  useReloadTriggers(list.reload)

  return (
    <PageShell name='activities'>
      <FilterTabs className='e2e-activity-filter' options={filters} value={filter} onChange={setFilter} />
      <PagedList
        className='e2e-activity-list'
        list={list}
        emptyText={filter === ALL ? '暂时没有活动' : `暂时没有「${filter}」活动`}
        renderItem={(activity) => <ActivityItem key={activity.id} activity={activity} />}
      />
    </PageShell>
  )
}
