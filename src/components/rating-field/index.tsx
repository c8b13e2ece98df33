import { View } from '@tarojs/components'
import { Rate } from '@nutui/nutui-react-taro'
import './index.scss'

/**
 * Every rating starts here with no star chosen: a pre-filled 5 nudges people
 * towards praise (群众评议 must be their own), and one starting value for all
 * three places (wish thanks, commitment rating, suggestion rating) means the
 * same tap gives the same score everywhere.
 */
export const RATING_START = 0

const words = ['请点选星级', '很不满意', '不满意', '一般', '满意', '非常满意']

interface Props {
  label: string
  value: number
  onChange: (value: number) => void
  className?: string
}

export default function RatingField({ label, value, onChange, className }: Props) {
  return (
    <View className='tx-rating-field'>
      <View className='tx-field-label'>{label}</View>
      <View className='tx-rating-row'>
        <Rate className={`tx-rating ${className ?? ''}`} value={value} onChange={onChange} />
        <View className='tx-rating-word e2e-rating-word'>{words[value] ?? ''}</View>
      </View>
    </View>
  )
}
