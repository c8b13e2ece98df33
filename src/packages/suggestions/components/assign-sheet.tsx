import { View } from '@tarojs/components'
import { Button, Input, Popup, Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api } from '@/api'
import { LoadingView } from '@/components/load-state'
import { useAsync } from '@/hooks/use-async'
import './sheets.scss'

export type AssignTo = { staffId: string } | { handler: string }

interface AssignSheetProps {
  toastId: string
  communityId: string
  busy: boolean
  onClose: () => void
  onSubmit: (to: AssignTo, note: string) => void
}

/** 交办: pick a staff member of the community, or name a handler outside the app (物业, 城管 …). */
export default function AssignSheet({ toastId, communityId, busy, onClose, onSubmit }: AssignSheetProps) {
  const staff = useAsync(() => api.users.list({ communityId, role: 'staff', pageSize: 50 }), [communityId])
  const [staffId, setStaffId] = useState('')
  const [handler, setHandler] = useState('')
  const [note, setNote] = useState('')
  const submit = () => {
    const named = handler.trim()
    if (!staffId && named.length < 2) return Toast.show(toastId, { content: '请选择一位工作人员，或填写承办单位（至少 2 个字）', icon: 'warn' })
    onSubmit(staffId ? { staffId } : { handler: named }, note.trim())
  }
  return (
    <Popup visible position='bottom' round closeable title='交办' onClose={onClose}>
      <View className='suggestion-sheet e2e-assign-sheet'>
        <View className='suggestion-sheet-label'>社区工作人员</View>
        {staff.state.status === 'loading' ? <LoadingView rows={1} /> : null}
        {staff.state.status === 'error' ? <View className='tx-muted'>{staff.state.error.message}</View> : null}
        {staff.state.status === 'ready' ? (
          <View className='suggestion-sheet-chips'>
            {staff.state.data.items.map((person) => (
              <View
                key={person.id}
                className={`suggestion-sheet-chip e2e-assign-staff e2e-assign-staff-${person.id}${staffId === person.id ? ' suggestion-sheet-chip-on' : ''}`}
                onClick={() => {
                  setStaffId(staffId === person.id ? '' : person.id)
                  setHandler('')
                }}
              >
                {person.name}
              </View>
            ))}
          </View>
        ) : null}
        <View className='suggestion-sheet-label'>或交给承办单位</View>
        <Input
          className='e2e-assign-handler'
          value={handler}
          onChange={(value) => {
            setHandler(value)
            if (value) setStaffId('')
          }}
          placeholder='如：幸福物业服务中心'
          maxLength={40}
        />
        <Input className='e2e-assign-note' value={note} onChange={setNote} placeholder='交办说明（选填）' maxLength={200} />
        <Button className='suggestion-sheet-submit e2e-assign-submit' type='primary' block loading={busy} disabled={busy} onClick={submit}>
          确认交办
        </Button>
      </View>
    </Popup>
  )
}
