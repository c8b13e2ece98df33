import { View } from '@tarojs/components'
import { Button, Popup, TextArea, Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'

interface ReasonSheetProps {
  /** The page's Toast, which shows what is missing. */
  toastId: string
  title: string
  hint: string
  placeholder: string
  /** 0 when the reason is optional. */
  minLength: number
  missing: string
  submitText: string
  name: string
  busy: boolean
  onClose: () => void
  onSubmit: (reason: string) => void
}

/** Release, withdraw and reject each ask for a reason that the other side reads. */
export default function ReasonSheet({ toastId, title, hint, placeholder, minLength, missing, submitText, name, busy, onClose, onSubmit }: ReasonSheetProps) {
  const [reason, setReason] = useState('')
  const submit = () => {
    if (reason.trim().length < minLength) return Toast.show(toastId, { content: missing, icon: 'warn' })
    onSubmit(reason.trim())
  }
  return (
    <Popup visible position='bottom' round closeable title={title} onClose={onClose}>
      <View className={`wish-sheet e2e-${name}-sheet`}>
        <View className='tx-muted wish-hint'>{hint}</View>
        <TextArea className={`e2e-${name}-reason`} value={reason} onChange={setReason} placeholder={placeholder} maxLength={200} showCount />
        <Button className={`wish-sheet-submit e2e-${name}-submit`} type='primary' block loading={busy} disabled={busy} onClick={submit}>
          {submitText}
        </Button>
      </View>
    </Popup>
  )
}
