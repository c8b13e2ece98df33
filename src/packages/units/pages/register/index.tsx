import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Cell, Input, Toast } from '@nutui/nutui-react-taro'
import { useState, type ReactNode } from 'react'
import { api } from '@/api'
import DayPicker from '@/components/day-picker'
import PageShell from '@/components/page-shell'
import { useParam } from '@/hooks/use-param'
import { toApiError } from '@/utils/errors'
import { routes } from '@/utils/routes'
import { unitKindNames, type UnitKind } from '../../labels'
import { dayOf, emptyUnitForm, toRegisterFields, unitFormProblem, type UnitForm } from './unit-form'
import './index.scss'

const TOAST_ID = 'unit-register-toast'
const YEAR = 366 * 24 * 3600 * 1000

/** Staff register a co-building unit and pair it with this community on the day the agreement was signed. */
export default function RegisterUnit() {
  const communityId = useParam('communityId')
  const today = dayOf(new Date())
  const [form, setForm] = useState<UnitForm>(() => emptyUnitForm(today))
  const [picking, setPicking] = useState(false)
  const [saving, setSaving] = useState(false)
  const set =
    <K extends keyof UnitForm>(key: K) =>
    (value: UnitForm[K]) =>
      setForm((current) => ({ ...current, [key]: value }))

  const submit = async () => {
    const problem = unitFormProblem(form, today)
    if (problem || !form.kind) return Toast.show(TOAST_ID, { content: problem ?? '请选择单位类型', icon: 'warn' })
    setSaving(true)
    try {
      const unit = await api.units.register({ communityId, ...toRegisterFields({ ...form, kind: form.kind }) })
      Toast.show(TOAST_ID, { content: '已登记', icon: 'success' })
      Taro.redirectTo({ url: routes.unitDetail(unit.id) })
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setSaving(false)
    }
  }

  return (
    <PageShell name='unit-register'>
      <Cell.Group title='单位'>
        <Field label='名称'>
          <Input className='e2e-unit-name-input' value={form.name} onChange={set('name')} placeholder='如：和平区实验小学' maxLength={40} />
        </Field>
        <Cell>
          <View className='unit-form-column'>
            <View className='unit-form-label'>类型</View>
            <View className='unit-form-chips e2e-unit-kind'>
              {unitKindNames.map((kind: UnitKind) => (
                <View key={kind} className={`unit-form-chip e2e-unit-kind-${kind}${form.kind === kind ? ' unit-form-chip-on' : ''}`} onClick={() => set('kind')(kind)}>
                  {kind}
                </View>
              ))}
            </View>
          </View>
        </Cell>
        <Field label='党组织'>
          <Input className='e2e-unit-party-input' value={form.partyOrg} onChange={set('partyOrg')} placeholder='如：实验小学党支部' maxLength={40} />
        </Field>
        <Field label='地址'>
          <Input className='e2e-unit-address-input' value={form.address} onChange={set('address')} placeholder='单位地址' maxLength={80} />
        </Field>
      </Cell.Group>
      <Cell.Group title='联系人（仅工作人员和联络员可见）'>
        <Field label='姓名'>
          <Input className='e2e-unit-contact-name' value={form.contactName} onChange={set('contactName')} placeholder='联系人姓名' maxLength={20} />
        </Field>
        <Field label='手机'>
          <Input className='e2e-unit-contact-phone' type='tel' value={form.contactPhone} onChange={set('contactPhone')} placeholder='11 位手机号' maxLength={11} />
        </Field>
      </Cell.Group>
      <Cell.Group title='共建协议'>
        <Cell className='e2e-unit-signed-at' title='签订日期' clickable extra={form.signedAt} onClick={() => setPicking(true)} />
      </Cell.Group>
      <DayPicker
        title='签订日期'
        visible={picking}
        value={form.signedAt}
        min={new Date(Date.now() - 5 * YEAR)}
        max={new Date()}
        onClose={() => setPicking(false)}
        onPick={set('signedAt')}
      />
      <View className='unit-form-actions'>
        <Button className='e2e-unit-register' type='primary' block loading={saving} disabled={saving} onClick={submit}>
          登记并结对
        </Button>
      </View>
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Cell>
      <View className='unit-form-field'>
        <View className='unit-form-label'>{label}</View>
        {children}
      </View>
    </Cell>
  )
}
