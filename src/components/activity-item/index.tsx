import { View } from '@tarojs/components'
import { Cell, Tag } from '@nutui/nutui-react-taro'
import type { ActivityCard } from '@/api'
import { activityStatusLabels } from '@/constants/labels'
import { colors } from '@/constants/theme'
import { formatTimeRange } from '@/utils/format'
import './index.scss'

export default function ActivityItem({ activity }: { activity: ActivityCard }) {
  const full = activity.quota > 0 && activity.enrolledCount >= activity.quota
  return (
    <Cell
      className={`tx-activity e2e-activity-item e2e-activity-${activity.id}`}
      title={
        <View className='tx-activity-title'>
          <Tag className='tx-tag' plain background={colors.primary}>
            {activity.type}
          </Tag>
          <View className='tx-activity-name'>{activity.title}</View>
        </View>
      }
      description={
        <View className='tx-activity-meta'>
          <View>{formatTimeRange(activity.startAt, activity.endAt)}</View>
          <View>{activity.place}</View>
          <View className='tx-activity-footer'>
            <View>
              已报名 {activity.enrolledCount}
              {activity.quota > 0 ? ` / ${activity.quota}` : ''}
              {activity.points > 0 ? ` · ${activity.points} 积分` : ''}
            </View>
            <Tag className='tx-tag' type={activity.status === 'published' && !full ? 'success' : 'default'}>
              {activity.status === 'published' && full ? '名额已满' : activityStatusLabels[activity.status]}
            </Tag>
          </View>
        </View>
      }
    />
  )
}
