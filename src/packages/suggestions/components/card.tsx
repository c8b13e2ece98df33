import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { formatDateTime } from '@/utils/format'
import { routes } from '@/utils/routes'
import type { SuggestionCard } from '../types'
import ReviewTag from '@/components/review-tag'
import StatusTag from './status-tag'
import './card.scss'

/** One line of the submitter's list or staff's queue; `showSubmitter` for staff. */
export default function SuggestionCardView({ item, showSubmitter }: { item: SuggestionCard; showSubmitter?: boolean }) {
  return (
    <View className={`tx-card suggestion-card e2e-suggestion-card e2e-suggestion-card-${item.id}`} onClick={() => Taro.navigateTo({ url: routes.suggestionDetail(item.id) })}>
      <View className='suggestion-card-head'>
        <View className='suggestion-card-title'>{item.title}</View>
        <StatusTag status={item.status} />
        {showSubmitter ? <ReviewTag state={item.contentReview} /> : null}
      </View>
      <View className='tx-muted suggestion-card-meta'>
        {item.category} · {formatDateTime(item.createdAt)}
        {showSubmitter ? ` · ${item.submitterName}${item.anonymous ? '（匿名）' : ''}` : ''}
      </View>
      {item.assigneeName || item.replyCount > 0 || item.rated ? (
        <View className='tx-muted suggestion-card-meta'>
          {[item.assigneeName ? `承办：${item.assigneeName}` : '', item.replyCount > 0 ? `答复 ${item.replyCount} 条` : '', item.rated ? '已评价' : '']
            .filter(Boolean)
            .join(' · ')}
        </View>
      ) : null}
    </View>
  )
}
