import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Tag } from '@nutui/nutui-react-taro'
import type { AnnouncementCard } from '@/api'
import { colors } from '@/constants/theme'
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
        <View className='tx-news-title e2e-news-title'>
          {announcement.pinned ? (
            <Tag className='tx-tag tx-news-tag e2e-news-pinned' plain background={colors.primary}>
              置顶
            </Tag>
          ) : null}
          <Tag className='tx-tag tx-news-tag' plain background={colors.info}>
            {kindLabels[announcement.kind]}
          </Tag>
          {announcement.title}
        </View>
        <View className='tx-muted tx-news-summary'>{announcement.summary}</View>
        <View className='tx-muted'>{formatDate(announcement.publishedAt)}</View>
      </View>
      {announcement.cover ? <Image className='tx-news-cover' src={announcement.cover} mode='aspectFill' /> : null}
    </View>
  )
}
