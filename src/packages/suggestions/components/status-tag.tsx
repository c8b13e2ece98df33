import { Tag } from '@nutui/nutui-react-taro'
import { colors } from '@/constants/theme'
import { endedWithoutHandling, suggestionStatusLabels } from '../labels'
import type { SuggestionStatus } from '../types'

/** NutUI's plain Tag needs an explicit background to show its colour. */
export default function StatusTag({ status, className }: { status: SuggestionStatus; className?: string }) {
  const background = endedWithoutHandling.includes(status) ? colors.muted : status === 'closed' ? colors.info : colors.primary
  return (
    <Tag className={`tx-tag e2e-suggestion-status ${className ?? ''}`} plain background={background}>
      {suggestionStatusLabels[status]}
    </Tag>
  )
}
