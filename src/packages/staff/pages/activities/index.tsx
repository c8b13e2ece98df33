import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Dialog, TextArea, Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api, type ActivityCard } from '@/api'
import ActivityItem from '@/components/activity-item'
import FilterTabs from '@/components/filter-tabs'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import { useParam } from '@/hooks/use-param'
import { usePagedList } from '@/hooks/use-paged-list'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { useReturns } from '@/hooks/use-shown'
import { toApiError } from '@/utils/errors'
import { routes } from '@/utils/routes'
import './index.scss'

const TOAST_ID = 'staff-activities-toast'
type When = 'upcoming' | 'past'
const whens: readonly When[] = ['upcoming', 'past']
const whenLabels: Record<When, string> = { upcoming: '进行中 / 未开始', past: '已结束' }

/** A community's activities with the tools staff use on each: check-in code, attendance, edit, cancel. */
export default function StaffActivities() {
  const communityId = useParam('communityId')
  const [when, setWhen] = useState<When>('upcoming')
  const returns = useReturns()
  const list = usePagedList((page) => api.activities.list({ communityId, when, page, pageSize: 10 }), [communityId, when, returns])
  useReloadTriggers(list.reload)
  const [cancelling, setCancelling] = useState<ActivityCard | null>(null)
  const [reason, setReason] = useState('')

  const cancel = async (activity: ActivityCard) => {
    const trimmed = reason.trim()
    if (trimmed.length < 2) {
      Toast.show(TOAST_ID, { content: '请填写取消原因（至少 2 个字）', icon: 'warn' })
      return
    }
    setCancelling(null)
    try {
      const { cancelledEnrollments } = await api.activities.cancel({ activityId: activity.id, reason: trimmed })
      Toast.show(TOAST_ID, { content: `已取消，释放 ${cancelledEnrollments} 个报名`, icon: 'success' })
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setReason('')
      list.reload()
    }
  }

  const go = (url: string) => () => Taro.navigateTo({ url })
  return (
    <PageShell name='staff-activities'>
      <View className='staff-activities-head'>
        <Button className='e2e-staff-new-activity' type='primary' size='small' onClick={go(routes.staffPublish(communityId))}>
          + 发布活动
        </Button>
      </View>
      <FilterTabs className='e2e-staff-activities-filter' options={whens} value={when} onChange={setWhen} labelOf={(w) => whenLabels[w]} />
      <PagedList
        className='e2e-staff-activity-list'
        list={list}
        emptyText={when === 'upcoming' ? '没有未结束的活动，点“发布活动”新建一个' : '还没有已结束的活动'}
        renderItem={(activity) => (
          <ActivityItem
            key={activity.id}
            activity={activity}
            onClick={go(routes.staffAttendance(activity.id))}
            extra={
              <View className='staff-activity-tools' onClick={(event) => event.stopPropagation()}>
                <Button className='e2e-tool-checkin-code' size='small' type='primary' onClick={go(routes.staffCheckinCode(activity.id))}>
                  签到码
                </Button>
                <Button className='e2e-tool-attendance' size='small' fill='outline' onClick={go(routes.staffAttendance(activity.id))}>
                  考勤确认
                </Button>
                {when === 'upcoming' ? (
                  <>
                    <Button className='e2e-tool-edit' size='small' fill='outline' onClick={go(routes.staffEdit(communityId, activity.id))}>
                      编辑
                    </Button>
                    <Button className='e2e-tool-cancel' size='small' fill='none' onClick={() => setCancelling(activity)}>
                      取消活动
                    </Button>
                  </>
                ) : null}
              </View>
            }
          />
        )}
      />
      <Dialog
        className='e2e-cancel-activity-dialog'
        visible={cancelling !== null}
        title='取消活动'
        content={
          <View>
            <View className='tx-muted'>取消后所有报名将被释放，此操作不能撤回。</View>
            <TextArea className='e2e-cancel-reason' value={reason} onChange={setReason} placeholder='取消原因（必填）' maxLength={200} />
          </View>
        }
        confirmText='确认取消'
        cancelText='不取消'
        onConfirm={() => {
          if (cancelling) void cancel(cancelling)
        }}
        onCancel={() => {
          setCancelling(null)
          setReason('')
        }}
      />
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}
