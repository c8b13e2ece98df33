import { View } from '@tarojs/components'
import { Cell, Tag } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api, type OutboxItem } from '@/api'
import FilterTabs from '@/components/filter-tabs'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import { colors } from '@/constants/theme'
import { usePagedList } from '@/hooks/use-paged-list'
import { useParam } from '@/hooks/use-param'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { formatDateTime } from '@/utils/format'
import { reminderStatusLabels, reminderStatusOptions, statusOptionLabel, type ReminderStatusOption } from '../../labels'
import './index.scss'

/** Delivered is good news; not delivered is what staff are here to explain. */
const statusColour = (status: OutboxItem['status']): string => (status === 'sent' || status === 'outbox' ? colors.primary : colors.muted)

/** 提醒发送记录 (staff): the community's reminders and what WeChat did with each, for "I never got it". */
export default function OutboxPage() {
  const communityId = useParam('communityId')
  const [status, setStatus] = useState<ReminderStatusOption>('all')
  const list = usePagedList(
    (page) => api.reminders.outbox({ communityId, page, pageSize: 20, ...(status === 'all' ? {} : { status }) }),
    [communityId, status],
  )
  useReloadTriggers(list.reload)

  return (
    <PageShell name='reminder-outbox'>
      <FilterTabs className='e2e-outbox-filter' options={reminderStatusOptions} value={status} onChange={setStatus} labelOf={statusOptionLabel} />
      <View className='tx-muted outbox-hint'>“未订阅”指居民没有允许微信提醒；所有提醒都会留在居民的“我的消息”里。</View>
      <PagedList
        className='e2e-outbox'
        list={list}
        emptyText='暂无提醒记录'
        renderItem={(reminder: OutboxItem) => (
          <Cell
            key={reminder.id}
            className={`e2e-outbox-row e2e-outbox-${reminder.status}`}
            title={<View className='outbox-title'>{reminder.title}</View>}
            description={
              <View className='outbox-meta'>
                <View className='e2e-outbox-person'>
                  {reminder.userName || reminder.userId} · {reminder.reasonLabel}
                </View>
                <View>
                  {formatDateTime(reminder.createdAt)}
                  {reminder.sentAt ? ` · ${reminder.status === 'outbox' ? '留存于' : '发送于'} ${formatDateTime(reminder.sentAt)}` : ''}
                </View>
                {reminder.lastError ? (
                  <View className='outbox-error'>
                    {reminder.lastError}
                    {reminder.attempts ? `（已尝试 ${reminder.attempts} 次）` : ''}
                  </View>
                ) : null}
              </View>
            }
            extra={
              <Tag className='tx-tag e2e-outbox-status' plain background={statusColour(reminder.status)}>
                {reminderStatusLabels[reminder.status]}
              </Tag>
            }
          />
        )}
      />
    </PageShell>
  )
}
