import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { AnnouncementCard } from '@/api'
import { formatDate } from '@/utils/format'
import { routes } from '@/utils/routes'
import './index.scss'

const kindLabels: Record<AnnouncementCard['kind'], string> = { news: '新闻', notice: '通知' }

/** One announcement in a list: the home page and 社区公告 share it. */
export default function AnnouncementItem({ announcement }: { announcement: AnnouncementCard }) {
  return (
    <View
      className={`tx-row tx-news e2e-news-item e2e-news-${announcement.id}`}
      onClick={() => Taro.navigateTo({ url: routes.newsDetail(announcement.id) })}
    >
      <View className='tx-news-body'>
        {/* The tags are inline words before the title (NutUI's Tag became a full-width bar here on the home page). */}
        <View className='tx-news-title e2e-news-title'>
          {announcement.pinned ? <Text className='tx-chip tx-chip-primary tx-news-tag e2e-news-pinned'>置顶</Text> : null}
          <Text className='tx-chip tx-chip-info tx-news-tag'>{kindLabels[announcement.kind]}</Text>
          <Text>{announcement.title}</Text>
        </View>
        <View className='tx-muted tx-news-summary'>{announcement.summary}</View>
        <View className='tx-muted'>{formatDate(announcement.publishedAt)}</View>
      </View>
      {announcement.cover ? <Image className='tx-news-cover' src={announcement.cover} mode='aspectFill' /> : null}
    </View>
  )
}
