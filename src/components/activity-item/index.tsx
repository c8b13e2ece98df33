import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Cell, Tag } from '@nutui/nutui-react-taro'
import type { ReactNode } from 'react'
import type { ActivityCard } from '@/api'
import { activityPhaseLabel, activityStatusLabels } from '@/constants/labels'
import { colors } from '@/constants/theme'
import { formatTimeRange } from '@/utils/format'
import { routes } from '@/utils/routes'
import './index.scss'

/** A tap opens the activity's detail page, unless the list says otherwise (the staff console). */
export default function ActivityItem({ activity, onClick, extra }: { activity: ActivityCard; onClick?: () => void; extra?: ReactNode }) {
  const label = activityPhaseLabel(activity, Date.now())
  const open = onClick ?? (() => Taro.navigateTo({ url: routes.activityDetail(activity.id) }))
  return (
    <Cell
      className={`tx-activity e2e-activity-item e2e-activity-${activity.id}`}
      clickable
      onClick={open}
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
            <Tag className='tx-tag e2e-activity-status' type={label === activityStatusLabels.published ? 'success' : 'default'}>
              {label}
            </Tag>
          </View>
          {extra}
        </View>
      }
    />
  )
}
