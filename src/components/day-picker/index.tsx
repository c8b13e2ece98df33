import { DatePicker } from '@nutui/nutui-react-taro'

interface Props {
  title: string
  visible: boolean
  /** 'YYYY-MM-DD', or '' for none yet (the wheel then opens on today). */
  value: string
  /** The earliest and latest days the wheel offers. */
  min: Date
  max: Date
  onClose: () => void
  onPick: (day: string) => void
}

const pad = (n: number): string => String(n).padStart(2, '0')

/** The wheel picker for a calendar day held as 'YYYY-MM-DD' (the opening row is the caller's). */
export default function DayPicker({ title, visible, value, min, max, onClose, onPick }: Props) {
  return (
    <DatePicker
      title={title}
      type='date'
      visible={visible}
      // Noon, so no zone offset moves the wheel onto a neighbouring day.
      value={value ? new Date(`${value}T12:00:00`) : new Date()}
      startDate={min}
      endDate={max}
      showChinese
      onClose={onClose}
      onConfirm={(_options, values) => {
        const [year, month, day] = values.map(Number)
        onPick(`${year}-${pad(month)}-${pad(day)}`)
      }}
    />
  )
}
