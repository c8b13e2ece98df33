import { View } from '@tarojs/components'
import { Button, Cell, Input, Popup, TextArea, Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { adjustPointsOnce, api, newRequestId } from '@/api'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import { useParam } from '@/hooks/use-param'
import { usePagedList } from '@/hooks/use-paged-list'
import { toApiError } from '@/utils/errors'
import { adjustmentProblem } from './adjustment'
import './index.scss'

const TOAST_ID = 'adjust-toast'

type Person = { id: string; name: string }

/**
 * A staff correction: a new entry with a reason (nothing is edited or
 * deleted). Below, the community's accounts, richest first.
 */
export default function AdjustPoints() {
  const communityId = useParam('communityId')
  const accounts = usePagedList((page) => api.points.accounts({ communityId, page, pageSize: 20 }), [communityId])
  const [person, setPerson] = useState<Person | null>(null)
  const [picking, setPicking] = useState(false)
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState('')
  const [saving, setSaving] = useState(false)
  // One id per intended correction: kept across retries, renewed when the form changes or the correction lands.
  const [requestId, setRequestId] = useState(newRequestId)
  const edit = <T,>(setter: (value: T) => void) => (value: T) => {
    setter(value)
    setRequestId(newRequestId())
  }

  const save = async () => {
    const problem = adjustmentProblem(person !== null, amount, reason)
    if (problem || !person) return Toast.show(TOAST_ID, { content: problem ?? '请选择居民', icon: 'warn' })
    setSaving(true)
    try {
      const result = await adjustPointsOnce({ communityId, userId: person.id, amount: Number(amount), reason: reason.trim() }, requestId)
      Toast.show(TOAST_ID, { content: `已调整，${person.name} 现有 ${result.available} 积分`, icon: 'success' })
      setAmount('')
      setReason('')
      setRequestId(newRequestId())
      accounts.reload()
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setSaving(false)
    }
  }

  return (
    <PageShell name='staff-adjust'>
      <Cell.Group title='调整积分' className='e2e-adjust-form'>
        <Cell className='e2e-adjust-person' title='居民' clickable extra={person?.name ?? '请选择 ›'} onClick={() => setPicking(true)} />
        <Cell>
          <View className='adjust-field'>
            <View className='adjust-label'>积分</View>
            <Input className='e2e-adjust-amount' value={amount} onChange={edit(setAmount)} placeholder='增加填 20，扣减填 -20' maxLength={6} />
          </View>
        </Cell>
        <Cell>
          <TextArea className='e2e-adjust-reason' value={reason} onChange={edit(setReason)} placeholder='调整原因（必填，2–200 字），如：补记 11 月敬老院服务' maxLength={200} />
        </Cell>
      </Cell.Group>
      <View className='adjust-actions'>
        <Button className='e2e-adjust-save' type='primary' block loading={saving} disabled={saving} onClick={save}>
          确认调整
        </Button>
        <View className='tx-muted adjust-hint'>调整记入积分明细和审计记录，不能调整自己的积分；扣减不能超过可用积分。</View>
      </View>
      <View className='tx-section-title'>
        <View>积分账户</View>
      </View>
      <PagedList
        className='e2e-accounts'
        list={accounts}
        emptyText='还没有人获得积分'
        renderItem={(row) => (
          <Cell
            key={row.userId}
            className='e2e-account'
            title={row.name}
            description={`累计服务 ${Number(row.hoursTotal.toFixed(2))} 小时${row.held > 0 ? ` · 冻结 ${row.held}` : ''}`}
            extra={`${row.available} 积分`}
            clickable
            onClick={() => edit(setPerson)({ id: row.userId, name: row.name })}
          />
        )}
      />
      <Popup visible={picking} position='bottom' round closeable title='选择居民' onClose={() => setPicking(false)}>
        <PersonPicker
          communityId={communityId}
          onPick={(picked) => {
            edit(setPerson)(picked)
            setPicking(false)
          }}
        />
      </Popup>
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}

function PersonPicker({ communityId, onPick }: { communityId: string; onPick: (person: Person) => void }) {
  const people = usePagedList((page) => api.users.list({ communityId, page, pageSize: 50 }), [communityId])
  return (
    <View className='adjust-picker'>
      <PagedList
        className='e2e-adjust-people'
        list={people}
        emptyText='本社区还没有注册居民'
        renderItem={(row) => (
          <Cell
            key={row.id}
            className={`e2e-adjust-option e2e-adjust-option-${row.id}`}
            title={row.name}
            description={row.building || undefined}
            clickable
            onClick={() => onPick({ id: row.id, name: row.name })}
          />
        )}
      />
    </View>
  )
}
