import { View } from '@tarojs/components'
import { Button, Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api, type ServiceRecordRow } from '@/api'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import { usePagedList } from '@/hooks/use-paged-list'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { toApiError } from '@/utils/errors'
import { formatDate, formatHours } from '@/utils/format'
import { saveFile } from '@/utils/save-file'
import './index.scss'

const TOAST_ID = 'record-toast'

/**
 * 志愿服务记录 (民政部令第67号): one row per confirmed service, with what the
 * regulation asks a record to hold; exportable as the XLSX staff also use.
 */
export default function ServiceRecord() {
  const list = usePagedList((page) => api.activities.serviceRecord({ page, pageSize: 20 }), [])
  useReloadTriggers(list.reload)
  const [exporting, setExporting] = useState(false)

  const exportRecord = async () => {
    setExporting(true)
    try {
      await saveFile(await api.activities.exportServiceRecord())
      Toast.show(TOAST_ID, { content: '已导出', icon: 'success' })
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setExporting(false)
    }
  }

  return (
    <PageShell name='service-record'>
      <View className='tx-card record-head'>
        <View>
          <View className='record-title'>志愿服务记录</View>
          <View className='tx-muted'>本记录为社区内部记录</View>
        </View>
        <Button className='e2e-export-record' type='primary' size='small' loading={exporting} disabled={exporting || list.items.length === 0} onClick={exportRecord}>
          导出 Excel
        </Button>
      </View>
      <PagedList
        className='e2e-service-records'
        list={list}
        emptyText='还没有志愿服务记录：参加活动并经工作人员确认出勤后，记录会出现在这里'
        renderItem={(row) => <RecordItem key={`${row.date}:${row.activityTitle}`} row={row} />}
      />
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}

function RecordItem({ row }: { row: ServiceRecordRow }) {
  return (
    <View className='tx-row e2e-service-record'>
      <View className='tx-row-head'>
        <View className='tx-row-title'>{row.activityTitle}</View>
        <View className='tx-row-figure record-hours e2e-record-hours'>{formatHours(row.hours)}</View>
      </View>
      <View className='tx-row-meta'>
        <View>服务日期：{formatDate(row.date)}</View>
        <View>服务内容：{row.serviceContent}</View>
        <View>组织单位：{row.organizer}</View>
        <View>记录人：{row.recorder}</View>
        <View>志愿者编号：{row.volunteerNo}</View>
      </View>
    </View>
  )
}
