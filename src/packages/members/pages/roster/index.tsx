import { View } from '@tarojs/components'
import { Button, Tag, Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api, type MemberReport, type NotReportedRow, type RosterRow } from '@/api'
import FilterTabs from '@/components/filter-tabs'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import { colors } from '@/constants/theme'
import { usePagedList } from '@/hooks/use-paged-list'
import { useParam } from '@/hooks/use-param'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { toApiError } from '@/utils/errors'
import { formatDate } from '@/utils/format'
import { saveFile } from '@/utils/save-file'
import ReasonSheet from '../../components/reason-sheet'
import { reportStatusLabels } from '../../labels'
import './index.scss'
import ReviewTag from '@/components/review-tag'
import { PhoneLink } from '@/components/contact'

const TOAST_ID = 'member-roster-toast'
const tabs = ['submitted', 'confirmed', 'returned', 'notReported'] as const
type Tab = (typeof tabs)[number]
const tabLabels: Record<Tab, string> = { ...reportStatusLabels, notReported: '未报到' }

type Pending = { report: MemberReport; action: 'return' | 'withdraw' }

/** Staff: this year's 报到 by status, who has not reported, review and the XLSX roster. */
export default function MemberRosterPage() {
  const communityId = useParam('communityId')
  const [tab, setTab] = useState<Tab>('submitted')
  const [busy, setBusy] = useState<string | null>(null)
  const [pending, setPending] = useState<Pending | null>(null)
  const [exporting, setExporting] = useState(false)

  const reports = usePagedList(
    (page) => (tab === 'notReported' ? Promise.resolve({ items: [], total: 0, page, pageSize: 20 }) : api.members.roster({ communityId, status: tab, page, pageSize: 20 })),
    [communityId, tab],
  )
  const missing = usePagedList(
    (page) => (tab === 'notReported' ? api.members.notReported({ communityId, page, pageSize: 20 }) : Promise.resolve({ items: [], total: 0, page, pageSize: 20 })),
    [communityId, tab],
  )
  const reload = () => (tab === 'notReported' ? missing.reload() : reports.reload())
  useReloadTriggers(reload)

  const act = async (report: MemberReport, action: 'confirm' | 'return' | 'withdraw', reason?: string) => {
    if (busy) return
    setBusy(report.id)
    try {
      if (action === 'confirm') await api.members.confirm({ reportId: report.id })
      else if (action === 'return') await api.members.return({ reportId: report.id, reason: reason ?? '' })
      else await api.members.withdraw({ reportId: report.id, reason: reason ?? '' })
      Toast.show(TOAST_ID, { content: action === 'confirm' ? '已确认报到' : '已退回，党员会看到原因', icon: 'success' })
      setPending(null)
      reports.reload()
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setBusy(null)
    }
  }

  const exportRoster = async () => {
    if (exporting) return
    setExporting(true)
    try {
      await saveFile(await api.members.exportRoster({ communityId }))
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setExporting(false)
    }
  }

  return (
    <PageShell name='member-roster'>
      <View className='roster-head'>
        <View className='tx-muted'>本年度在职党员报到</View>
        <Button className='e2e-roster-export' size='small' fill='outline' loading={exporting} onClick={exportRoster}>
          导出花名册
        </Button>
      </View>
      <FilterTabs className='e2e-roster-tabs' options={tabs} value={tab} onChange={setTab} labelOf={(value) => tabLabels[value]} />
      {tab === 'notReported' ? (
        <PagedList
          className='e2e-roster-missing'
          list={missing}
          emptyText='本社区党员都已报到'
          renderItem={(row: NotReportedRow) => (
            <View key={row.userId} className={`tx-row e2e-missing-item e2e-missing-${row.userId}`}>
              <View className='tx-row-head'>
                <View className='roster-name'>{row.name}</View>
                {row.phone ? <PhoneLink phone={row.phone} /> : null}
              </View>
              {row.building ? <View className='tx-muted'>{row.building}</View> : null}
            </View>
          )}
        />
      ) : (
        <PagedList
          className='e2e-roster-list'
          list={reports}
          emptyText={`没有${tabLabels[tab]}的报到`}
          renderItem={(report: RosterRow) => (
            <View key={report.id} className={`tx-card roster-item e2e-roster-item e2e-roster-${report.userId}`}>
              <View className='tx-row-head'>
                <View className='roster-name e2e-roster-name'>{report.name}</View>
                <Tag className='tx-tag e2e-roster-status' plain background={report.status === 'confirmed' ? colors.primary : colors.info}>
                  {reportStatusLabels[report.status]}
                </Tag>
                <ReviewTag state={report.contentReview} />
              </View>
              <View className='roster-line'>
                {report.workUnit} · {report.partyOrg}
              </View>
              <View className='tx-muted'>
                入党 {report.partyJoinedAt} · 提交于 {formatDate(report.updatedAt)}
              </View>
              <View className='roster-line'>服务意向：{report.willingness.join('、')}</View>
              <View className='roster-progress e2e-roster-progress'>
                <View className={report.progress.activities.done >= report.progress.activities.target ? 'roster-met' : ''}>
                  参加活动 {report.progress.activities.done}/{report.progress.activities.target}
                </View>
                <View className={report.progress.suggestions.done >= report.progress.suggestions.target ? 'roster-met' : ''}>
                  提出建议 {report.progress.suggestions.done}/{report.progress.suggestions.target}
                </View>
              </View>
              {report.skills.length > 0 ? <View className='roster-line'>特长：{report.skills.join('、')}</View> : null}
              {report.returnReason && report.status === 'returned' ? <View className='tx-muted'>退回原因：{report.returnReason}</View> : null}
              <View className='roster-tools'>
                {report.status === 'submitted' ? (
                  <>
                    <Button className='e2e-roster-return' size='small' fill='outline' disabled={busy !== null} onClick={() => setPending({ report, action: 'return' })}>
                      退回
                    </Button>
                    <Button className='e2e-roster-confirm' size='small' type='primary' loading={busy === report.id} disabled={busy !== null} onClick={() => act(report, 'confirm')}>
                      确认报到
                    </Button>
                  </>
                ) : null}
                {report.status === 'confirmed' ? (
                  <Button className='e2e-roster-withdraw' size='small' fill='outline' disabled={busy !== null} onClick={() => setPending({ report, action: 'withdraw' })}>
                    撤销确认
                  </Button>
                ) : null}
              </View>
            </View>
          )}
        />
      )}
      {pending ? (
        <ReasonSheet
          toastId={TOAST_ID}
          name={pending.action === 'return' ? 'roster-return' : 'roster-withdraw'}
          title={`${pending.action === 'return' ? '退回' : '撤销确认'} · ${pending.report.name}`}
          hint={pending.action === 'return' ? '党员会看到退回原因，修改后可以重新提交。' : '撤销会记入操作记录，报到回到“已退回”，党员可修改后重新提交。'}
          placeholder='原因，如：所在党组织请写全称'
          submitText={pending.action === 'return' ? '确认退回' : '确认撤销'}
          busy={busy !== null}
          onClose={() => setPending(null)}
          onSubmit={(reason) => act(pending.report, pending.action, reason)}
        />
      ) : null}
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}
