import { DatePicker, Cell } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { formatDateTime } from '@/utils/format'

interface Props {
  title: string
  value: Date
  onChange: (value: Date) => void
  /** The earliest and latest choices the wheel offers. */
  min: Date
  max: Date
  className?: string
}

/** A form row showing a date and time; tapping it opens the wheel picker (5-minute steps). */
export default function DateTimeField({ title, value, onChange, min, max, className }: Props) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <Cell className={className} title={title} clickable extra={formatDateTime(value.toISOString())} onClick={() => setOpen(true)} />
      <DatePicker
        title={title}
        type='datetime'
        visible={open}
        value={value}
        startDate={min}
        endDate={max}
        minuteStep={5}
        showChinese
        onClose={() => setOpen(false)}
        onConfirm={(_options, values) => {
          const [year, month, day, hour, minute] = values.map(Number)
          onChange(new Date(year, month - 1, day, hour, minute))
        }}
      />
    </>
  )
}
