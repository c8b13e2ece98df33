import { View } from '@tarojs/components'
import { Dialog } from '@nutui/nutui-react-taro'

export interface PendingConfirmation {
  title: string
  /** What will happen, said plainly: who is credited what, what cannot be undone. */
  text: string
  confirmText: string
  run: () => void
}

/**
 * The sheet before an action that cannot be undone or that credits points:
 * it says what will happen and waits for a second, deliberate tap.
 */
export default function ConfirmSheet({ pending, onClose }: { pending: PendingConfirmation | null; onClose: () => void }) {
  return (
    <Dialog
      className='e2e-action-confirm'
      visible={pending !== null}
      title={pending?.title ?? ''}
      content={<View className='e2e-action-confirm-text'>{pending?.text ?? ''}</View>}
      confirmText={pending?.confirmText ?? '确认'}
      cancelText='再想想'
      onConfirm={() => {
        const run = pending?.run
        onClose()
        run?.()
      }}
      onCancel={onClose}
    />
  )
}
