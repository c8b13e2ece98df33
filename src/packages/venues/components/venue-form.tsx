import { View } from '@tarojs/components'
import { Button, Cell, Input, Popup, Switch, Toast } from '@nutui/nutui-react-taro'
import { useState, type ReactNode } from 'react'
import { api, type VenueCard } from '@/api'
import { PhotoPicker } from '@/components/photos'
import { toApiError } from '@/utils/errors'
import { addDays, chinaToday, weekdayNames } from '../shared'
import { problemOf, rowsOf, slotLengths, toVenueInput, type Form, type HoursRow } from './venue-rules'

export const TOAST_ID = 'venues-manage-toast'

export function VenuePopup({ communityId, venue, onClose, onSaved }: { communityId: string; venue: VenueCard | null; onClose: () => void; onSaved: () => void }) {
  const [form, setForm] = useState<Form>({
    name: venue?.name ?? '',
    location: venue?.location ?? '',
    description: venue?.description ?? '',
    capacity: venue ? String(venue.capacity) : '20',
    facilities: venue?.facilities.join('、') ?? '',
    photos: venue?.photos ?? [],
    rows: venue ? rowsOf(venue.openingHours) : [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '17:00' }],
    slotMinutes: venue?.slotMinutes ?? 60,
    bookingDays: venue ? String(venue.bookingDays) : '7',
    cancelHours: venue ? String(venue.cancelHours) : '24',
    needsApproval: venue?.needsApproval ?? true,
    active: venue?.active ?? true,
  })
  const [saving, setSaving] = useState(false)
  const [uploading, setUploading] = useState(false)
  const set = <K extends keyof Form>(key: K) => (value: Form[K]) => setForm((previous) => ({ ...previous, [key]: value }))
  const setRow = (index: number, row: Partial<HoursRow>) => set('rows')(form.rows.map((current, i) => (i === index ? { ...current, ...row } : current)))
  const toggleDay = (index: number, day: number) => {
    const days = form.rows[index].days
    setRow(index, { days: days.includes(day) ? days.filter((d) => d !== day) : [...days, day].sort() })
  }

  const save = async () => {
    const problem = problemOf(form)
    if (problem) return Toast.show(TOAST_ID, { content: problem, icon: 'warn' })
    setSaving(true)
    const input = toVenueInput(form, communityId, venue?.id)
    try {
      await api.venues.save(input)
      onSaved()
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
      setSaving(false)
    }
  }

  return (
    <Popup visible position='bottom' round closeable title={venue ? '编辑场地' : '新增场地'} onClose={onClose}>
      <View className='venue-form e2e-venue-form'>
        <Field label='名称'>
          <Input className='e2e-venue-name-input' value={form.name} onChange={set('name')} placeholder='如：党群服务中心多功能厅' maxLength={30} />
        </Field>
        <Field label='位置'>
          <Input className='e2e-venue-location' value={form.location} onChange={set('location')} placeholder='如：党群服务中心二楼' maxLength={60} />
        </Field>
        <Field label='容纳人数'>
          <Input className='e2e-venue-capacity' type='number' value={form.capacity} onChange={set('capacity')} maxLength={4} />
        </Field>
        <Field label='设施（用顿号隔开）'>
          <Input className='e2e-venue-facilities' value={form.facilities} onChange={set('facilities')} placeholder='投影仪、音响、空调' maxLength={200} />
        </Field>
        <Field label='说明'>
          <Input className='e2e-venue-description' value={form.description} onChange={set('description')} placeholder='选填' maxLength={300} />
        </Field>
        <Field label='开放时间'>
          {form.rows.map((row, index) => (
            <View key={index} className='venue-hours-row e2e-venue-hours-row'>
              <View className='venue-weekdays'>
                {[1, 2, 3, 4, 5, 6, 7].map((day) => (
                  <View key={day} className={`venue-weekday${row.days.includes(day) ? ' venue-weekday-on' : ''} e2e-venue-weekday-${day}`} onClick={() => toggleDay(index, day)}>
                    {weekdayNames[day]}
                  </View>
                ))}
              </View>
              <View className='venue-times'>
                <Input className='e2e-venue-open' value={row.open} onChange={(open) => setRow(index, { open })} placeholder='09:00' maxLength={5} />
                <View>至</View>
                <Input className='e2e-venue-close-time' value={row.close} onChange={(close) => setRow(index, { close })} placeholder='17:00' maxLength={5} />
                <Button size='small' fill='none' onClick={() => set('rows')(form.rows.filter((_, i) => i !== index))}>
                  删除
                </Button>
              </View>
            </View>
          ))}
          <Button className='e2e-venue-hours-add' size='small' fill='outline' onClick={() => set('rows')([...form.rows, { days: [], open: '14:00', close: '17:00' }])}>
            + 添加时段
          </Button>
        </Field>
        <Field label='每格时长'>
          <View className='venue-weekdays'>
            {slotLengths.map((length) => (
              <View key={length} className={`venue-weekday${form.slotMinutes === length ? ' venue-weekday-on' : ''} e2e-venue-slot-${length}`} onClick={() => set('slotMinutes')(length)}>
                {length} 分钟
              </View>
            ))}
          </View>
        </Field>
        <Field label='可提前预约（天）'>
          <Input className='e2e-venue-booking-days' type='number' value={form.bookingDays} onChange={set('bookingDays')} maxLength={2} />
        </Field>
        <Field label='开始前多少小时截止自行取消'>
          <Input className='e2e-venue-cancel-hours' type='number' value={form.cancelHours} onChange={set('cancelHours')} maxLength={3} />
        </Field>
        <Cell title='预约需审核' extra={<Switch className='e2e-venue-needs-approval' checked={form.needsApproval} onChange={set('needsApproval')} />} />
        <Cell title='开放预约' description='停用后不再接受新预约' extra={<Switch className='e2e-venue-active' checked={form.active} onChange={set('active')} />} />
        <Field label='照片'>
          <PhotoPicker value={form.photos} onChange={set('photos')} onBusy={setUploading} onError={(message) => Toast.show(TOAST_ID, { content: message, icon: 'fail' })} />
        </Field>
        <Button className='e2e-venue-save' type='primary' block loading={saving} disabled={saving || uploading} onClick={save}>
          保存
        </Button>
      </View>
    </Popup>
  )
}

/** 暂停开放 for a date range; bookings already there are listed so staff can tell their bookers. */
export function ClosePopup({ venue, onClose, onSaved }: { venue: VenueCard; onClose: () => void; onSaved: (message: string) => void }) {
  const today = chinaToday()
  const [from, setFrom] = useState(addDays(today, 1))
  const [to, setTo] = useState(addDays(today, 1))
  const [reason, setReason] = useState('')
  const [saving, setSaving] = useState(false)
  const DATE = /^\d{4}-\d{2}-\d{2}$/

  const save = async () => {
    if (!DATE.test(from) || !DATE.test(to)) return Toast.show(TOAST_ID, { content: '日期格式如 2026-12-01', icon: 'warn' })
    if (to < from) return Toast.show(TOAST_ID, { content: '结束日期不能早于开始日期', icon: 'warn' })
    if (!reason.trim()) return Toast.show(TOAST_ID, { content: '请填写原因，如：设备维修', icon: 'warn' })
    setSaving(true)
    try {
      const result = await api.venues.close({ venueId: venue.id, from, to, reason: reason.trim() })
      onSaved(result.affected.length > 0 ? `已暂停开放；其间已有 ${result.affected.length} 个预约，请在预约列表中逐一处理` : '已暂停开放')
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
      setSaving(false)
    }
  }

  return (
    <Popup visible position='bottom' round closeable title={`暂停开放 · ${venue.name}`} onClose={onClose}>
      <View className='venue-form e2e-close-form'>
        <Field label='开始日期'>
          <Input className='e2e-close-from' value={from} onChange={setFrom} placeholder='2026-12-01' maxLength={10} />
        </Field>
        <Field label='结束日期（含）'>
          <Input className='e2e-close-to' value={to} onChange={setTo} placeholder='2026-12-02' maxLength={10} />
        </Field>
        <Field label='原因'>
          <Input className='e2e-close-reason' value={reason} onChange={setReason} placeholder='如：空调检修、活动占用' maxLength={60} />
        </Field>
        <Button className='e2e-close-save' type='primary' block loading={saving} disabled={saving} onClick={save}>
          确定
        </Button>
      </View>
    </Popup>
  )
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Cell>
      <View className='venue-field'>
        <View className='venue-label'>{label}</View>
        {children}
      </View>
    </Cell>
  )
}
