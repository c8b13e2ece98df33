import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Button, Dialog, Tag, Toast } from '@nutui/nutui-react-taro'
import { useState, type ReactNode } from 'react'
import { api, type ActivityDetail, type MyEnrollment } from '@/api'
import CodeEntry from '@/components/code-entry'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { activityPhaseLabel, enrollmentStatusLabels } from '@/constants/labels'
import { colors } from '@/constants/theme'
import { useAsync } from '@/hooks/use-async'
import { useParam } from '@/hooks/use-param'
import { useShare } from '@/hooks/use-share'
import { toApiError } from '@/utils/errors'
import { formatDateTime, formatHours, formatTimeRange } from '@/utils/format'
import { askConsent } from '@/utils/subscribe'
import './index.scss'

const TOAST_ID = 'activity-toast'
const HOUR = 3600 * 1000
/** The server's windows (lib/activities/model.ts); here they only decide what to offer. */
const CHECKIN_OPENS_BEFORE = 1 * HOUR
const CHECKOUT_CLOSES_AFTER = 2 * HOUR

export default function ActivityDetailPage() {
  const activityId = useParam('id')
  const { state, reload } = useAsync(async () => {
    const [activity, me] = await Promise.all([api.activities.detail({ activityId }), api.users.me()])
    // Who may sign up is decided by the server; this only decides whether to offer the button.
    const isMember = me.roles.some((r) => r.role === 'member' && r.scopeId === activity.communityId)
    return { activity, isMember }
  }, [activityId])
  usePullDownRefresh(() => {
    reload()
    Taro.stopPullDownRefresh()
  })
  useShare({ title: state.status === 'ready' ? state.data.activity.title : null, path: '/packages/activities/pages/detail/index', query: `id=${encodeURIComponent(activityId)}` })

  return (
    <PageShell name='activity-detail'>
      <LoadState state={state} onRetry={reload} rows={8}>
        {({ activity, isMember }) => <Detail activity={activity} isMember={isMember} onChanged={reload} />}
      </LoadState>
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}

function Detail({ activity, isMember, onChanged }: { activity: ActivityDetail; isMember: boolean; onChanged: () => void }) {
  const rule = activity.pointsRule.kind === 'fixed' ? `参加即得 ${activity.pointsRule.points} 积分` : `每服务 1 小时 ${activity.pointsRule.points} 积分`
  return (
    <View>
      <View className='detail-banner'>
        <View className='detail-tags'>
          <View className='detail-chip'>{activity.type}</View>
          <View className='detail-chip e2e-detail-phase'>{activityPhaseLabel(activity, Date.now())}</View>
        </View>
        <View className='detail-title e2e-detail-title'>{activity.title}</View>
      </View>
      <View className='detail-info'>
        <Info label='时间' value={formatTimeRange(activity.startAt, activity.endAt)} />
        <Info label='地点' value={activity.place} />
        <Info label='报名截止' value={formatDateTime(activity.signupDeadline)} />
        <Info label='名额' className='e2e-detail-quota' value={`已报名 ${activity.enrolledCount} / ${activity.quota}`} />
        <Info label='积分' value={rule} note={`最多计 ${formatHours(activity.maxHours)}，以签到到签退的时间为准`} />
      </View>
      {activity.description ? <View className='tx-card detail-description'>{activity.description}</View> : null}
      <Participation activity={activity} isMember={isMember} onChanged={onChanged} />
    </View>
  )
}

/** H5 has no camera scan: there people type the digits, and the latest ones (a code is good for 90 s after it changes). */
const codeHint = (step: string) =>
  process.env.TARO_ENV === 'weapp'
    ? `扫描工作人员手机上的签到码${step}，或输入码下的 6 位数字。`
    : `输入工作人员手机上签到码下方最新的 6 位数字${step}；数字每 30 秒更换，换了也不要紧，1 分半钟内输入都有效。`

type Busy = null | 'signup' | 'withdraw' | 'checkin' | 'checkout'

/** What the caller can do now, by the activity's phase and their own enrollment. */
function Participation({ activity, isMember, onChanged }: { activity: ActivityDetail; isMember: boolean; onChanged: () => void }) {
  const [busy, setBusy] = useState<Busy>(null)
  const [confirmWithdraw, setConfirmWithdraw] = useState(false)
  const now = Date.now()
  const mine = activity.myEnrollment
  const start = Date.parse(activity.startAt)
  const end = Date.parse(activity.endAt)
  const beforeDeadline = now < Date.parse(activity.signupDeadline)
  const full = activity.enrolledCount >= activity.quota

  const run = async (kind: Exclude<Busy, null>, call: () => Promise<unknown>, done: string): Promise<boolean> => {
    if (busy) return false
    setBusy(kind)
    try {
      await call()
      Toast.show(TOAST_ID, { content: done, icon: 'success' })
      onChanged()
      return true
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
      return false
    } finally {
      setBusy(null)
    }
  }
  const activityId = activity.id
  // The consent prompt must open inside the tap, so it goes first; a refusal does not stop the sign-up.
  const signup = () => run('signup', () => askConsent(['activity_tomorrow']).then(() => api.activities.signup({ activityId })), '报名成功')
  const withdraw = () => run('withdraw', () => api.activities.withdraw({ activityId }), '已取消报名')
  const checkin = (code: string) => run('checkin', () => api.activities.checkin({ activityId, code }), '签到成功')
  const checkout = (code: string) => run('checkout', () => api.activities.checkout({ activityId, code }), '签退成功')

  if (activity.status === 'cancelled') return <Notice className='e2e-detail-cancelled' text='活动已取消，报名已全部释放。' />

  const enrolled = mine && mine.status !== 'cancelled' ? mine : null
  if (!enrolled) {
    if (activity.status === 'finished' || now >= end) return <Notice text='活动已结束。' />
    if (!beforeDeadline) return <Notice className='e2e-detail-closed' text='报名已截止。' />
    if (full) return <Notice className='e2e-detail-full' text='名额已满，下次早点来哦。' />
    if (!isMember) return <Notice className='e2e-detail-members-only' text='本活动由社区党员、志愿者报名参加；居民可以浏览活动，成为志愿者请联系社区工作人员。' />
    return (
      <View className='detail-actions'>
        <Button className='e2e-signup' type='primary' block loading={busy === 'signup'} disabled={busy !== null} onClick={signup}>
          {mine ? '重新报名' : '我要报名'}
        </Button>
        <View className='tx-muted detail-hint'>党员和志愿者可报名；活动现场扫码签到、签退，工作人员确认后记入志愿服务时长和积分。</View>
      </View>
    )
  }

  const checkinOpen = now >= start - CHECKIN_OPENS_BEFORE && now < end
  const checkoutOpen = now < end + CHECKOUT_CLOSES_AFTER
  return (
    <View className='tx-card detail-mine e2e-my-enrollment'>
      <View className='detail-mine-head'>
        <View className='detail-mine-title'>我的报名</View>
        <Tag className='tx-tag e2e-enrollment-status' plain background={colors.primary}>
          {enrollmentStatusLabels[enrolled.status]}
        </Tag>
      </View>
      <Attendance enrollment={enrolled} />
      {enrolled.status === 'enrolled' && !enrolled.checkInAt ? (
        checkinOpen ? (
          <Step title='签到' hint={codeHint('签到')}>
            <CodeEntry className='e2e-checkin' kind='checkin' scope={activityId} submitText='签到' busy={busy === 'checkin'} onSubmit={checkin} />
          </Step>
        ) : (
          <View className='tx-muted detail-hint e2e-checkin-later'>活动开始前 1 小时开放签到。</View>
        )
      ) : null}
      {enrolled.status === 'enrolled' && enrolled.checkInAt && !enrolled.checkOutAt && checkoutOpen ? (
        <Step title='签退' hint={`离开前${codeHint('签退')}`}>
          <CodeEntry className='e2e-checkout' kind='checkin' scope={activityId} submitText='签退' busy={busy === 'checkout'} onSubmit={checkout} />
        </Step>
      ) : null}
      {enrolled.status === 'enrolled' && enrolled.checkOutAt ? (
        <View className='tx-muted detail-hint e2e-awaiting-confirm'>已签退，等待工作人员确认出勤后记入时长和积分。</View>
      ) : null}
      {enrolled.status === 'enrolled' && beforeDeadline && !enrolled.checkInAt ? (
        <Button className='detail-withdraw e2e-withdraw' fill='outline' block loading={busy === 'withdraw'} disabled={busy !== null} onClick={() => setConfirmWithdraw(true)}>
          取消报名
        </Button>
      ) : null}
      <Dialog
        className='e2e-withdraw-dialog'
        visible={confirmWithdraw}
        title='取消报名'
        content='确定取消这次活动的报名吗？报名截止前可以重新报名。'
        confirmText='取消报名'
        cancelText='再想想'
        onConfirm={() => {
          setConfirmWithdraw(false)
          void withdraw()
        }}
        onCancel={() => setConfirmWithdraw(false)}
      />
    </View>
  )
}

function Attendance({ enrollment }: { enrollment: MyEnrollment }) {
  return (
    <View className='detail-attendance'>
      <View className='detail-row'>
        <View className='tx-muted'>签到</View>
        <View className='e2e-checkin-at'>{enrollment.checkInAt ? formatDateTime(enrollment.checkInAt) : '未签到'}</View>
      </View>
      <View className='detail-row'>
        <View className='tx-muted'>签退</View>
        <View className='e2e-checkout-at'>{enrollment.checkOutAt ? formatDateTime(enrollment.checkOutAt) : '未签退'}</View>
      </View>
      {enrollment.status === 'confirmed' ? (
        <View className='detail-row detail-credit e2e-credit'>
          <View>已记入</View>
          <View>
            {formatHours(enrollment.hours ?? 0)} · {enrollment.points ?? 0} 积分
          </View>
        </View>
      ) : null}
    </View>
  )
}

function Step({ title, hint, children }: { title: string; hint: string; children: ReactNode }) {
  return (
    <View className='detail-step'>
      <View className='detail-step-title'>{title}</View>
      <View className='tx-muted detail-hint'>{hint}</View>
      {children}
    </View>
  )
}

/** A label and its value; the value wraps under itself, never into the label (large-text mode). */
function Info({ label, value, note, className }: { label: string; value: string; note?: string; className?: string }) {
  return (
    <View className={`detail-info-row ${className ?? ''}`}>
      <View className='detail-info-label'>{label}</View>
      <View className='detail-info-value'>
        <View>{value}</View>
        {note ? <View className='tx-muted'>{note}</View> : null}
      </View>
    </View>
  )
}

function Notice({ text, className }: { text: string; className?: string }) {
  return <View className={`tx-card tx-muted detail-notice ${className ?? ''}`}>{text}</View>
}
