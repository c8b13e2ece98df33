import { Tag } from '@nutui/nutui-react-taro'
import { colors } from '@/constants/theme'

/**
 * Staff views: the record holds text the content check could not reach
 * (docs/api.md, "When the content check cannot be reached"). Renders nothing
 * for a record with nothing held.
 */
export default function ReviewTag({ state }: { state: 'pending' | 'rejected' | null | undefined }) {
  if (!state) return null
  return (
    <Tag className={`tx-tag e2e-content-review e2e-content-review-${state}`} plain background={colors.primary}>
      {state === 'pending' ? '待人工审核' : '未通过人工审核'}
    </Tag>
  )
}
