import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Cell, Input, TextArea, Toast } from '@nutui/nutui-react-taro'
import { useState, type ReactNode } from 'react'
import { api, type ActivityDetail } from '@/api'
import DateTimeField from '@/components/datetime-field'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { activityTypes } from '@/constants/labels'
import { useAsync } from '@/hooks/use-async'
import { useParam } from '@/hooks/use-param'
import { toApiError } from '@/utils/errors'
import { routes } from '@/utils/routes'
import { emptyForm, formFrom, formProblem, toActivityFields, type ActivityForm } from './form'
import './index.scss'

const TOAST_ID = 'publish-toast'
const DAY = 24 * 3600 * 1000

/** Publish a new activity, or edit one (`?id=`): the same form. */
export default function PublishActivity() {
  const communityId = useParam('communityId')
  const activityId = useParam('id')
  if (!activityId) return <Shell><ActivityEditor communityId={communityId} initial={emptyForm(new Date())} /></Shell>
  return (
    <Shell>
      <EditLoader activityId={activityId} />
    </Shell>
  )
}

function Shell({ children }: { children: ReactNode }) {
  return (
    <PageShell name='staff-publish'>
      {children}
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}

function EditLoader({ activityId }: { activityId: string }) {
  const { state, reload } = useAsync(() => api.activities.detail({ activityId }), [activityId])
  return (
    <LoadState state={state} onRetry={reload} rows={8}>
      {(activity) => <ActivityEditor communityId={activity.communityId} editing={activity} initial={formFrom(activity)} />}
    </LoadState>
  )
}

function ActivityEditor({ communityId, editing, initial }: { communityId: string; editing?: ActivityDetail; initial: ActivityForm }) {
  const [form, setForm] = useState<ActivityForm>(initial)
  const [submitting, setSubmitting] = useState(false)
  const [problemField, setProblemField] = useState<keyof ActivityForm | null>(null)
  const set = <K extends keyof ActivityForm>(key: K) => (value: ActivityForm[K]) => setForm((previous) => ({ ...previous, [key]: value }))
  const now = new Date()
  // The wheels offer from today to half a year ahead; an activity is planned, not archived.
  const min = new Date(now.getFullYear(), now.getMonth(), now.getDate())
  const max = new Date(min.getTime() + 183 * DAY)

  const submit = async () => {
    const problem = formProblem(form, new Date())
    if (problem) {
      setProblemField(problem.field)
      Toast.show(TOAST_ID, { content: problem.message, icon: 'warn' })
      return
    }
    setProblemField(null)
    setSubmitting(true)
    try {
      const fields = toActivityFields(form)
      if (editing) await api.activities.update({ activityId: editing.id, ...fields })
      else await api.activities.publish({ communityId, ...fields })
      Toast.show(TOAST_ID, { content: editing ? '已保存' : '发布成功', icon: 'success' })
      // On to the management list, which shows the activity with its tools; back to it when it is what opened this form.
      setTimeout(() => void backToList(communityId), 600)
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
      setSubmitting(false)
    }
  }

  const mark = (field: keyof ActivityForm) => (problemField === field ? ' publish-problem' : '')
  return (
    <View className='e2e-publish-form'>
      <Cell.Group title='活动类型'>
        <Cell>
          <View className='publish-pills'>
            {activityTypes.map((type) => (
              <View
                key={type}
                className={`publish-pill e2e-publish-type-${type}${form.type === type ? ' publish-pill-active' : ''}`}
                onClick={() => set('type')(type)}
              >
                {type}
              </View>
            ))}
          </View>
        </Cell>
      </Cell.Group>
      <Cell.Group title='基本信息'>
        <Field label='标题' className={mark('title')}>
          <Input className='e2e-publish-title' value={form.title} onChange={set('title')} placeholder='如：楼道清洁志愿行动' maxLength={60} />
        </Field>
        <Field label='地点' className={mark('place')}>
          <Input className='e2e-publish-place' value={form.place} onChange={set('place')} placeholder='如：社区党群服务中心二楼' maxLength={100} />
        </Field>
        <DateTimeField className={`e2e-publish-start${mark('startAt')}`} title='开始时间' value={form.startAt} onChange={set('startAt')} min={min} max={max} />
        <DateTimeField className={`e2e-publish-end${mark('endAt')}`} title='结束时间' value={form.endAt} onChange={set('endAt')} min={min} max={max} />
        <DateTimeField
          className={`e2e-publish-deadline${mark('signupDeadline')}`}
          title='报名截止'
          value={form.signupDeadline}
          onChange={set('signupDeadline')}
          min={min}
          max={max}
        />
        <Field label='名额' className={mark('quota')}>
          <Input className='e2e-publish-quota' type='number' value={form.quota} onChange={set('quota')} placeholder='1–10000' maxLength={5} />
        </Field>
      </Cell.Group>
      <Cell.Group title='积分与时长'>
        <Cell>
          <View className='publish-pills'>
            {(['perHour', 'fixed'] as const).map((kind) => (
              <View
                key={kind}
                className={`publish-pill e2e-publish-points-${kind}${form.pointsKind === kind ? ' publish-pill-active' : ''}`}
                onClick={() => set('pointsKind')(kind)}
              >
                {kind === 'perHour' ? '按小时计分' : '固定积分'}
              </View>
            ))}
          </View>
        </Cell>
        <Field label={form.pointsKind === 'perHour' ? '每小时积分' : '积分'} className={mark('points')}>
          <Input className='e2e-publish-points' type='number' value={form.points} onChange={set('points')} placeholder='0–1000' maxLength={4} />
        </Field>
        <Field label='最多计时' className={mark('maxHours')}>
          <Input className='e2e-publish-max-hours' type='digit' value={form.maxHours} onChange={set('maxHours')} placeholder='小时，如 2.5' maxLength={5} />
        </Field>
        <Cell>
          <View className='tx-muted'>时长按签到到签退的实际时间计算，不超过“最多计时”，路途时间不计。</View>
        </Cell>
      </Cell.Group>
      <Cell.Group title='活动介绍'>
        <Cell className={mark('description')}>
          <TextArea
            className='e2e-publish-description'
            value={form.description}
            onChange={set('description')}
            placeholder='活动内容、集合方式、需要携带的物品……'
            maxLength={2000}
            showCount
            autoSize
          />
        </Cell>
      </Cell.Group>
      <View className='publish-actions'>
        <Button className='e2e-publish-submit' type='primary' block loading={submitting} disabled={submitting} onClick={submit}>
          {editing ? '保存修改' : '发布活动'}
        </Button>
      </View>
    </View>
  )
}

function backToList(communityId: string) {
  const pages = Taro.getCurrentPages()
  const previous = pages[pages.length - 2]
  if (previous?.route?.includes('staff/pages/activities')) return Taro.navigateBack()
  return Taro.redirectTo({ url: routes.staffActivities(communityId) })
}

function Field({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <Cell className={className}>
      <View className='publish-field'>
        <View className='publish-label'>{label}</View>
        {children}
      </View>
    </Cell>
  )
}
