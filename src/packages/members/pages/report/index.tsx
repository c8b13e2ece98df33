import { View } from '@tarojs/components'
import { Button, Cell, Input, Tag, Toast } from '@nutui/nutui-react-taro'
import { useState, type ReactNode } from 'react'
import { api, type MyMemberReport } from '@/api'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { colors } from '@/constants/theme'
import { useAsync } from '@/hooks/use-async'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { toApiError } from '@/utils/errors'
import { formatDate } from '@/utils/format'
import { reportStatusLabels, splitList } from '../../labels'
import './index.scss'

const TOAST_ID = 'member-report-toast'

/** 在职党员报到: my report to the community I live in this year, and my progress against its targets. */
export default function MemberReportPage() {
  const { state, reload } = useAsync(() => api.members.mine(), [])
  useReloadTriggers(reload)
  return (
    <PageShell name='member-report'>
      <LoadState state={state} onRetry={reload} rows={6}>
        {(mine) => <ReportBody mine={mine} onSaved={reload} />}
      </LoadState>
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}

function ReportBody({ mine, onSaved }: { mine: MyMemberReport; onSaved: () => void }) {
  const { report, progress, community } = mine
  const [editing, setEditing] = useState(false)
  const showForm = !report || report.status === 'returned' || editing
  return (
    <View>
      <View className='tx-card report-progress e2e-report-progress'>
        <View className='report-progress-title'>
          {progress.year} 年度任务 · {community.name}
        </View>
        <ProgressBar className='e2e-progress-activities' label='参加社区活动' unit='次' done={progress.activities.done} target={progress.activities.target} />
        <ProgressBar className='e2e-progress-suggestions' label='提出意见建议' unit='条' done={progress.suggestions.done} target={progress.suggestions.target} />
        <View className='tx-muted'>按社区确认的活动签到和你提交的意见建议自动统计。</View>
      </View>

      {report ? (
        <View className='tx-card report-status-card'>
          <View className='report-status-line'>
            <View>本年度报到</View>
            <Tag className={`tx-tag e2e-report-status e2e-report-status-${report.status}`} plain background={report.status === 'confirmed' ? colors.primary : colors.info}>
              {reportStatusLabels[report.status]}
            </Tag>
          </View>
          {report.status === 'returned' && report.returnReason ? (
            <View className='report-return-reason e2e-report-return-reason'>退回原因：{report.returnReason}</View>
          ) : null}
          {report.status === 'confirmed' && report.confirmedAt ? <View className='tx-muted'>社区已于 {formatDate(report.confirmedAt)} 确认</View> : null}
          {report.status === 'submitted' ? <View className='tx-muted'>已提交，等待社区审核。审核前可以修改。</View> : null}
          {!showForm ? (
            <View className='report-summary'>
              <Line label='工作单位' value={report.workUnit} />
              <Line label='所在党组织' value={report.partyOrg} />
              <Line label='入党日期' value={report.partyJoinedAt} />
              <Line label='特长' value={report.skills.join('、') || '—'} />
              <Line label='服务意向' value={report.willingness.join('、')} />
            </View>
          ) : null}
          {report.status === 'submitted' && !editing ? (
            <Button className='e2e-report-edit' size='small' fill='outline' onClick={() => setEditing(true)}>
              修改
            </Button>
          ) : null}
        </View>
      ) : (
        <View className='tx-muted report-intro'>在职党员每年向居住地社区报到一次，参加社区服务、提出发展建议。填写后由社区党委确认。</View>
      )}

      {showForm ? (
        <ReportForm
          mine={mine}
          onSaved={() => {
            setEditing(false)
            onSaved()
          }}
        />
      ) : null}
    </View>
  )
}

function ProgressBar({ label, unit, done, target, className }: { label: string; unit: string; done: number; target: number; className: string }) {
  const percent = target > 0 ? Math.min(100, Math.round((done / target) * 100)) : 100
  return (
    <View className={`report-bar ${className}`}>
      <View className='report-bar-head'>
        <View>{label}</View>
        <View className='report-bar-figure'>
          <View className='e2e-progress-done'>{done}</View> / {target} {unit}
          {done >= target ? ' ✓' : ''}
        </View>
      </View>
      <View className='report-bar-track'>
        <View className='report-bar-fill' style={{ width: `${percent}%` }} />
      </View>
    </View>
  )
}

function Line({ label, value }: { label: string; value: string }) {
  return (
    <View className='report-line'>
      <View className='report-line-label'>{label}</View>
      <View className='report-line-value'>{value}</View>
    </View>
  )
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

function ReportForm({ mine, onSaved }: { mine: MyMemberReport; onSaved: () => void }) {
  const report = mine.report
  const options = mine.willingnessOptions
  const [workUnit, setWorkUnit] = useState(report?.workUnit ?? '')
  const [partyOrg, setPartyOrg] = useState(report?.partyOrg ?? '')
  const [joinedAt, setJoinedAt] = useState(report?.partyJoinedAt ?? '')
  const [skills, setSkills] = useState(report?.skills.join('、') ?? '')
  const [picked, setPicked] = useState<string[]>(report?.willingness.filter((item) => options.includes(item)) ?? [])
  const [other, setOther] = useState(report?.willingness.filter((item) => !options.includes(item)).join('、') ?? '')
  const [saving, setSaving] = useState(false)
  const warn = (content: string) => Toast.show(TOAST_ID, { content, icon: 'warn' })
  const toggle = (option: string) => setPicked((current) => (current.includes(option) ? current.filter((item) => item !== option) : [...current, option]))

  const submit = async () => {
    if (!workUnit.trim()) return warn('请填写工作单位')
    if (!partyOrg.trim()) return warn('请填写所在党组织')
    if (!DATE.test(joinedAt.trim())) return warn('入党日期请按 2010-07-01 的格式填写')
    const willingness = [...picked, ...splitList(other)]
    if (willingness.length === 0) return warn('请至少选择一项服务意向')
    setSaving(true)
    try {
      await api.members.submit({ workUnit: workUnit.trim(), partyOrg: partyOrg.trim(), partyJoinedAt: joinedAt.trim(), skills: splitList(skills), willingness })
      Toast.show(TOAST_ID, { content: '已提交，等待社区确认', icon: 'success' })
      onSaved()
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='report-form e2e-report-form'>
      <Cell.Group title='报到信息'>
        <Field label='工作单位'>
          <Input className='e2e-report-work-unit' value={workUnit} onChange={setWorkUnit} placeholder='如：和平区税务局' maxLength={60} />
        </Field>
        <Field label='所在党组织'>
          <Input className='e2e-report-party-org' value={partyOrg} onChange={setPartyOrg} placeholder='党组织全称' maxLength={60} />
        </Field>
        <Field label='入党日期'>
          <Input className='e2e-report-joined' value={joinedAt} onChange={setJoinedAt} placeholder='如：2010-07-01' maxLength={10} />
        </Field>
        <Field label='特长'>
          <Input className='e2e-report-skills' value={skills} onChange={setSkills} placeholder='选填，用顿号分隔，如：书法、电工' maxLength={120} />
        </Field>
      </Cell.Group>
      <Cell.Group title='服务意向（可多选）'>
        <Cell>
          <View className='report-chips e2e-report-willingness'>
            {options.map((option) => (
              <View key={option} className={`report-chip e2e-willingness-${option}${picked.includes(option) ? ' report-chip-on' : ''}`} onClick={() => toggle(option)}>
                {option}
              </View>
            ))}
          </View>
        </Cell>
        <Field label='其他'>
          <Input className='e2e-report-willingness-other' value={other} onChange={setOther} placeholder='选填，自己写，如：帮老人写春联' maxLength={60} />
        </Field>
      </Cell.Group>
      <View className='report-actions'>
        <Button className='e2e-report-submit' type='primary' block loading={saving} disabled={saving} onClick={submit}>
          {mine.report ? '重新提交' : '提交报到'}
        </Button>
      </View>
    </View>
  )
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Cell>
      <View className='report-field'>
        <View className='report-field-label'>{label}</View>
        {children}
      </View>
    </Cell>
  )
}
