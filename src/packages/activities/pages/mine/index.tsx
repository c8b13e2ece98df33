import { View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api, type EnrollmentStatus } from '@/api'
import ActivityItem from '@/components/activity-item'
import FilterTabs from '@/components/filter-tabs'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import { enrollmentStatusLabels } from '@/constants/labels'
import { colors } from '@/constants/theme'
import { usePagedList } from '@/hooks/use-paged-list'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { formatDateTime, formatHours } from '@/utils/format'
import './index.scss'

const ALL = 'all'
type Filter = EnrollmentStatus | typeof ALL
const filters: readonly Filter[] = [ALL, 'enrolled', 'confirmed', 'cancelled']
const labelOf = (filter: Filter) => (filter === ALL ? '全部' : enrollmentStatusLabels[filter])

/** The activities I signed up for, newest first, with where my attendance stands. */
export default function MyActivities() {
  const [filter, setFilter] = useState<Filter>(ALL)
  const list = usePagedList((page) => api.activities.mine({ status: filter === ALL ? undefined : filter, page, pageSize: 10 }), [filter])
  useReloadTriggers(list.reload)

  return (
    <PageShell name='my-activities'>
      <FilterTabs className='e2e-my-activities-filter' options={filters} value={filter} onChange={setFilter} labelOf={labelOf} />
      <PagedList
        className='e2e-my-activities'
        list={list}
        emptyText={filter === ALL ? '还没有报名过活动，去「活动」看看吧' : `没有${labelOf(filter)}的活动`}
        renderItem={({ activity, enrollment }) => (
          <ActivityItem
            key={activity.id}
            activity={activity}
            extra={
              <View className={`mine-enrollment e2e-my-enrollment-${activity.id}`}>
                <Tag className='tx-tag' plain background={colors.primary}>
                  {enrollmentStatusLabels[enrollment.status]}
                </Tag>
                <View>
                  {enrollment.status === 'confirmed'
                    ? `${formatHours(enrollment.hours ?? 0)} · ${enrollment.points ?? 0} 积分`
                    : enrollment.checkOutAt
                      ? `已签退 ${formatDateTime(enrollment.checkOutAt)}`
                      : enrollment.checkInAt
                        ? `已签到 ${formatDateTime(enrollment.checkInAt)}`
                        : ''}
                </View>
              </View>
            }
          />
        )}
      />
    </PageShell>
  )
}
