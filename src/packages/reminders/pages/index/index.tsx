import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Tag } from '@nutui/nutui-react-taro'
import { api, type ReminderItem } from '@/api'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import { colors } from '@/constants/theme'
import { usePagedList } from '@/hooks/use-paged-list'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { formatDateTime } from '@/utils/format'
import { reminderFieldLabels } from '../../labels'
import './index.scss'

/** Template fields that only repeat the reader's own name to them. */
const ownFields = new Set(['name'])

/** Pages a reminder may open; anything else (or this page itself) is not a link. */
const openable = (page: string | null): page is string => page !== null && page.startsWith('/packages/') && !page.startsWith('/packages/reminders/')

/**
 * 我的消息: every reminder sent to me, newest first. WeChat delivers one
 * message per consent, so this list is where a reminder is never lost.
 */
export default function MessagesPage() {
  const list = usePagedList((page) => api.reminders.mine({ page, pageSize: 20 }), [])
  useReloadTriggers(list.reload)

  return (
    <PageShell name='messages'>
      <PagedList
        className='e2e-messages'
        list={list}
        emptyText='还没有消息。报名活动、发布心愿、预约场地后，相关提醒会出现在这里'
        renderItem={(reminder: ReminderItem) => (
          // A full-width row: a Cell's extra column squeezed the text and broke names and dates mid-word in 长辈版.
          <View
            key={reminder.id}
            className={`tx-row message e2e-message e2e-message-${reminder.reason}`}
            onClick={() => {
              if (openable(reminder.page)) void Taro.navigateTo({ url: reminder.page })
            }}
          >
            <View className='tx-row-head'>
              <View className='message-title e2e-message-title'>{reminder.title}</View>
              <Tag className='tx-tag' plain background={colors.primary}>
                {reminder.reasonLabel}
              </Tag>
            </View>
              <View className='message-meta'>
                {Object.entries(reminder.fields)
                  .filter(([key]) => !ownFields.has(key))
                  .map(([key, value]) => (
                    <View key={key} className='message-field'>
                      {reminderFieldLabels[key] ?? key}：{value}
                    </View>
                  ))}
                <View className='message-time tx-nowrap'>{formatDateTime(reminder.createdAt)}</View>
              </View>
          </View>
        )}
      />
    </PageShell>
  )
}
