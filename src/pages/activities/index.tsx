import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { api, type ActivityType } from '@/api'
import ActivityItem from '@/components/activity-item'
import FilterTabs from '@/components/filter-tabs'
import NewcomerGate from '@/components/newcomer-gate'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import { activityTypes } from '@/constants/labels'
import { usePagedList } from '@/hooks/use-paged-list'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { routes } from '@/utils/routes'
import './index.scss'

const ALL = '全部'
type Filter = ActivityType | typeof ALL
const filters: readonly Filter[] = [ALL, ...activityTypes]
const PAGE_SIZE = 10

type When = 'upcoming' | 'past'
const whenLabels: Record<When, string> = { upcoming: '即将开始', past: '已结束' }
const whens = Object.keys(whenLabels) as When[]

export default function Activities() {
  return (
    <PageShell name='activities'>
      <NewcomerGate tab='activities'>{() => <ActivityList />}</NewcomerGate>
    </PageShell>
  )
}

function ActivityList() {
  const [filter, setFilter] = useState<Filter>(ALL)
  const [when, setWhen] = useState<When>('upcoming')
  const list = usePagedList(
    (page) => api.activities.list({ type: filter === ALL ? undefined : filter, when, page, pageSize: PAGE_SIZE }),
    [filter, when],
  )
  useReloadTriggers(list.reload)

  const kind = filter === ALL ? '' : `「${filter}」`
  return (
    <View>
      <View className='activities-bar'>
        <View className='activities-when'>
          {whens.map((option) => (
            <View
              key={option}
              className={`activities-when-option e2e-when-${option}${option === when ? ' activities-when-active' : ''}`}
              onClick={() => setWhen(option)}
            >
              {whenLabels[option]}
            </View>
          ))}
        </View>
        <View className='activities-mine e2e-my-activities-link' onClick={() => Taro.navigateTo({ url: routes.myActivities })}>
          我的活动 ›
        </View>
      </View>
      <FilterTabs className='e2e-activity-filter' options={filters} value={filter} onChange={setFilter} />
      <PagedList
        className='e2e-activity-list'
        list={list}
        emptyText={when === 'upcoming' ? `暂时没有即将开始的${kind}活动` : `还没有已结束的${kind}活动`}
        renderItem={(activity) => <ActivityItem key={activity.id} activity={activity} />}
      />
    </View>
  )
}
