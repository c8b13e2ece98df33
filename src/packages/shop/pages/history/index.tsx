import { View } from '@tarojs/components'
import { api, type HistoryEntry } from '@/api'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import { entryKindLabels } from '@/constants/labels'
import { usePagedList } from '@/hooks/use-paged-list'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { formatDateTime, formatHours } from '@/utils/format'
import './index.scss'

/** Every change of my points, newest first: the journal itself, nothing recomputed. */
export default function PointsHistory() {
  const list = usePagedList((page) => api.points.history({ page, pageSize: 20 }), [])
  useReloadTriggers(list.reload)
  return (
    <PageShell name='points-history'>
      <PagedList
        className='e2e-points-history'
        list={list}
        emptyText='还没有积分变动：参加活动、经确认出勤后即可获得积分'
        renderItem={(entry) => <EntryItem key={entry.id} entry={entry} />}
      />
    </PageShell>
  )
}

/**
 * A hold moves points from available to held (amount negative); the pick-up
 * that follows changes only held, so that is the figure it shows.
 */
function EntryItem({ entry }: { entry: HistoryEntry }) {
  const sign = entry.amount > 0 ? '+' : ''
  return (
    <View className={`tx-row e2e-entry e2e-entry-${entry.kind}`}>
      <View className='tx-row-head'>
        <View className='tx-row-title'>{entryKindLabels[entry.kind]}</View>
        <View className={`tx-row-figure e2e-entry-amount ${entry.amount > 0 ? 'history-plus' : entry.amount < 0 ? 'history-minus' : ''}`}>
          {entry.amount !== 0 ? `${sign}${entry.amount}` : `冻结 ${entry.heldChange}`}
        </View>
      </View>
      <View className='tx-row-meta'>
        <View>{entry.reason}</View>
        <View>
          {formatDateTime(entry.createdAt)}
          {entry.hours > 0 ? ` · ${formatHours(entry.hours)}` : ''}
          {` · 余额 ${entry.availableAfter}`}
          {entry.heldAfter > 0 ? `（冻结 ${entry.heldAfter}）` : ''}
        </View>
      </View>
    </View>
  )
}
