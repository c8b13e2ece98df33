import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Cell, Popup, Tag, TextArea, Toast } from '@nutui/nutui-react-taro'
import { useMemo, useState } from 'react'
import { api, type ActivityDetail, type AttendanceRow, type ConfirmResult } from '@/api'
import DateTimeField from '@/components/datetime-field'
import LoadState, { EmptyView } from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { enrollmentStatusLabels } from '@/constants/labels'
import { colors } from '@/constants/theme'
import { useAsync } from '@/hooks/use-async'
import { useParam } from '@/hooks/use-param'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { toApiError } from '@/utils/errors'
import { formatDateTime, formatHours, formatTimeRange } from '@/utils/format'
import { routes } from '@/utils/routes'
import { concernLabels, confirmationText, confirmSummary, isConfirmable } from './sheet'
import './index.scss'

const TOAST_ID = 'attendance-toast'

/**
 * Everyone signed up for one activity, with their check-in and check-out.
 * Staff tick those who attended and confirm them in one go (hours and
 * points are credited then), or record attendance by hand with a reason.
 */
export default function AttendancePage() {
  const activityId = useParam('id')
  const { state, reload } = useAsync(async () => {
    const [activity, sheet, me] = await Promise.all([api.activities.detail({ activityId }), api.activities.attendance({ activityId }), api.users.me()])
    return { activity, rows: sheet.items, myUserId: me.user?.id ?? null }
  }, [activityId])
  useReloadTriggers(reload)

  return (
    <PageShell name='staff-attendance'>
      <LoadState state={state} onRetry={reload} rows={6}>
        {({ activity, rows, myUserId }) => <Sheet activity={activity} rows={rows} myUserId={myUserId} onChanged={reload} />}
      </LoadState>
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}

function Sheet({ activity, rows, myUserId, onChanged }: { activity: ActivityDetail; rows: AttendanceRow[]; myUserId: string | null; onChanged: () => void }) {
  const confirmable = useMemo(() => rows.filter((row) => isConfirmable(row) && row.userId !== myUserId).map((row) => row.userId), [rows, myUserId])
  const [selected, setSelected] = useState<Set<string>>(() => new Set(confirmable))
  const [confirming, setConfirming] = useState(false)
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  const [sheetOpen, setSheetOpen] = useState(false)
  const [acknowledged, setAcknowledged] = useState(false)
  const [recording, setRecording] = useState<AttendanceRow | null>(null)

  const toggle = (userId: string) =>
    setSelected((previous) => {
      const next = new Set(previous)
      if (next.has(userId)) next.delete(userId)
      else next.add(userId)
      return next
    })
  const allSelected = confirmable.length > 0 && confirmable.every((id) => selected.has(id))

  const chosen = rows.filter((row) => confirmable.includes(row.userId) && selected.has(row.userId))
  const flagged = chosen.filter((row) => row.concerns.length > 0)

  const openSheet = () => {
    if (chosen.length === 0) return
    setAcknowledged(false)
    setSheetOpen(true)
  }

  const confirm = async () => {
    const userIds = chosen.map((row) => row.userId)
    if (userIds.length === 0) return
    setSheetOpen(false)
    setConfirming(true)
    setProgress({ done: 0, total: userIds.length })
    const results: ConfirmResult[] = []
    try {
      // Only the flagged people staff just looked at in the sheet are acknowledged.
      const acknowledge = flagged.map((row) => row.userId)
      // The server confirms as many as it can within its time limit and hands back the rest: ask again until none remain.
      for (let remaining = userIds; remaining.length > 0; ) {
        const pendingAcknowledged = acknowledge.filter((userId) => remaining.includes(userId))
        const answer = await api.activities.confirm({ activityId: activity.id, userIds: remaining, ...(pendingAcknowledged.length ? { acknowledge: pendingAcknowledged } : {}) })
        results.push(...(answer.results as ConfirmResult[]))
        setProgress({ done: results.length, total: userIds.length })
        if (answer.results.length === 0 && answer.remaining.length === remaining.length) break
        remaining = answer.remaining
      }
      Toast.show(TOAST_ID, { content: confirmSummary(results), icon: 'success', duration: 3 })
    } catch (error) {
      const done = results.length > 0 ? `已处理 ${results.length} 人（${confirmSummary(results)}），` : ''
      Toast.show(TOAST_ID, { content: `${done}${toApiError(error).message}`, icon: 'fail', duration: 4 })
    } finally {
      setConfirming(false)
      setProgress(null)
      onChanged()
    }
  }

  return (
    <View>
      <View className='att-head'>
        <View className='att-title'>{activity.title}</View>
        <View className='att-sub'>{formatTimeRange(activity.startAt, activity.endAt)}</View>
        <View className='att-sub e2e-att-count'>
          报名 {rows.length} 人 · 可确认 {confirmable.length} 人
        </View>
      </View>
      <View className='att-tools'>
        <Button size='small' fill='outline' onClick={() => Taro.navigateTo({ url: routes.staffCheckinCode(activity.id) })}>
          出示签到码
        </Button>
        {confirmable.length > 0 ? (
          <View className='att-select-all e2e-att-select-all' onClick={() => setSelected(allSelected ? new Set() : new Set(confirmable))}>
            {allSelected ? '取消全选' : '全选可确认'}
          </View>
        ) : null}
      </View>
      {rows.length === 0 ? (
        <EmptyView text='还没有人报名' />
      ) : (
        <View className='e2e-att-rows'>
          {rows.map((row) => (
            <Row
              key={row.userId}
              row={row}
              self={row.userId === myUserId}
              selectable={confirmable.includes(row.userId)}
              selected={selected.has(row.userId)}
              onToggle={() => toggle(row.userId)}
              onRecord={() => setRecording(row)}
            />
          ))}
        </View>
      )}
      <View className='att-actions'>
        <Button
          className='e2e-att-confirm'
          type='primary'
          block
          loading={confirming}
          disabled={confirming || chosen.length === 0}
          onClick={openSheet}
        >
          确认出勤（{confirmable.filter((id) => selected.has(id)).length} 人）
        </Button>
        {progress ? (
          <View className='att-progress e2e-att-progress' aria-live='polite'>
            正在确认：{progress.done} / {progress.total} 人
          </View>
        ) : null}
        <View className='tx-muted att-hint'>确认后按签到到签退的时间（最多 {formatHours(activity.maxHours)}）记入志愿服务时长和积分，不能撤回。不能确认自己的出勤。标为「时长过短」「不在活动时间内」的出勤，须核对后才能确认。</View>
      </View>
      <Popup visible={sheetOpen} position='bottom' round closeable title='确认出勤' onClose={() => setSheetOpen(false)}>
        <View className='att-sheet e2e-att-sheet'>
          <View className='att-sheet-text e2e-att-sheet-text'>{confirmationText(activity, chosen)}</View>
          {flagged.length > 0 ? (
            <View className='att-sheet-flagged e2e-att-flagged'>
              <View className='att-sheet-subtitle'>以下 {flagged.length} 人的出勤需要核对：</View>
              {flagged.map((row) => (
                <View key={row.userId} className='att-sheet-flagged-row'>
                  <View className='tx-nowrap'>{row.name}</View>
                  <View>{row.concerns.map((concern) => concernLabels[concern]).join('、')}</View>
                  <View className='tx-muted'>
                    {row.checkInAt ? formatDateTime(row.checkInAt) : '—'} 至 {row.checkOutAt ? formatDateTime(row.checkOutAt) : '—'}
                  </View>
                </View>
              ))}
              <View
                className={`att-acknowledge e2e-att-acknowledge${acknowledged ? ' att-acknowledge-on' : ''}`}
                role='checkbox'
                aria-checked={acknowledged}
                onClick={() => setAcknowledged(!acknowledged)}
              >
                <View className={`att-tick${acknowledged ? ' att-tick-on' : ''}`}>{acknowledged ? '✓' : ''}</View>
                <View>我已核对以上出勤，仍然确认</View>
              </View>
            </View>
          ) : null}
          <Button className='e2e-att-sheet-confirm' type='primary' block disabled={flagged.length > 0 && !acknowledged} onClick={confirm}>
            确认出勤（{chosen.length} 人）
          </Button>
          <Button className='att-sheet-cancel' fill='outline' block onClick={() => setSheetOpen(false)}>
            再看看
          </Button>
        </View>
      </Popup>
      {recording ? (
        <RecordPopup
          activity={activity}
          row={recording}
          onClose={() => setRecording(null)}
          onSaved={() => {
            setRecording(null)
            onChanged()
          }}
        />
      ) : null}
    </View>
  )
}

interface RowProps {
  row: AttendanceRow
  self: boolean
  selectable: boolean
  selected: boolean
  onToggle: () => void
  onRecord: () => void
}

function Row({ row, self, selectable, selected, onToggle, onRecord }: RowProps) {
  return (
    <View className={`tx-row att-row e2e-att-row e2e-att-row-${row.userId}`} onClick={selectable ? onToggle : undefined}>
      <View className='tx-row-head'>
        <View className='att-row-title'>
          <View className={`att-tick e2e-att-tick${selected ? ' att-tick-on' : ''}${selectable ? '' : ' att-tick-off'}`}>{selected ? '✓' : ''}</View>
          <View className='att-name'>{row.name}</View>
          {self ? <View className='tx-muted'>（本人）</View> : null}
          {row.concerns.map((concern) => (
            <View key={concern} className={`tx-chip att-concern e2e-att-concern e2e-att-concern-${concern}`}>
              {concernLabels[concern]}
            </View>
          ))}
          <Tag className='tx-tag e2e-att-status' plain background={row.status === 'confirmed' ? colors.primary : colors.muted}>
            {enrollmentStatusLabels[row.status]}
          </Tag>
        </View>
        {row.status === 'enrolled' && !self ? (
          <Button
            className='e2e-att-record'
            size='small'
            fill='outline'
            onClick={(event) => {
              event.stopPropagation()
              onRecord()
            }}
          >
            补录
          </Button>
        ) : null}
      </View>
      <View className='tx-row-meta'>
        <View>
          签到 {row.checkInAt ? formatDateTime(row.checkInAt) : '—'} · 签退 {row.checkOutAt ? formatDateTime(row.checkOutAt) : '—'}
          {row.attendanceSource === 'manual' ? '（补录）' : ''}
        </View>
        {row.status === 'confirmed' ? (
          <View className='att-credit e2e-att-credit'>
            {formatHours(row.hours ?? 0)} · {row.points ?? 0} 积分
          </View>
        ) : null}
      </View>
    </View>
  )
}

function RecordPopup({ activity, row, onClose, onSaved }: { activity: ActivityDetail; row: AttendanceRow; onClose: () => void; onSaved: () => void }) {
  const start = new Date(activity.startAt)
  const end = new Date(activity.endAt)
  const now = new Date()
  const [checkInAt, setCheckInAt] = useState(row.checkInAt ? new Date(row.checkInAt) : start)
  const [checkOutAt, setCheckOutAt] = useState(row.checkOutAt ? new Date(row.checkOutAt) : end.getTime() < now.getTime() ? end : now)
  const [reason, setReason] = useState('')
  const [saving, setSaving] = useState(false)
  const min = new Date(start.getTime() - 3600 * 1000)
  const max = new Date(end.getTime() + 2 * 3600 * 1000)

  const save = async () => {
    if (checkOutAt.getTime() <= checkInAt.getTime()) return Toast.show(TOAST_ID, { content: '签退时间必须晚于签到时间', icon: 'warn' })
    if (reason.trim().length < 2) return Toast.show(TOAST_ID, { content: '请填写补录原因（至少 2 个字）', icon: 'warn' })
    setSaving(true)
    try {
      await api.activities.recordAttendance({
        activityId: activity.id,
        userId: row.userId,
        checkInAt: checkInAt.toISOString(),
        checkOutAt: checkOutAt.toISOString(),
        reason: reason.trim(),
      })
      Toast.show(TOAST_ID, { content: '已补录', icon: 'success' })
      onSaved()
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setSaving(false)
    }
  }

  return (
    <Popup visible position='bottom' round closeable title={`补录考勤 · ${row.name}`} onClose={onClose}>
      <View className='att-record e2e-att-record-form'>
        <DateTimeField title='签到时间' value={checkInAt} onChange={setCheckInAt} min={min} max={max} />
        <DateTimeField title='签退时间' value={checkOutAt} onChange={setCheckOutAt} min={min} max={max} />
        <Cell>
          <TextArea className='e2e-att-record-reason' value={reason} onChange={setReason} placeholder='补录原因（必填，如：手机没电，现场登记）' maxLength={200} />
        </Cell>
        <View className='tx-muted att-hint'>补录会记入审计记录，并注明操作人和原因。</View>
        <Button className='e2e-att-record-save' type='primary' block loading={saving} disabled={saving} onClick={save}>
          保存补录
        </Button>
      </View>
    </Popup>
  )
}
