import { View } from '@tarojs/components'
import { Button, Popup, TextArea, Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import './reason-sheet.scss'

interface ReasonSheetProps {
  toastId: string
  name: string
  title: string
  hint: string
  placeholder: string
  submitText: string
  busy: boolean
  onClose: () => void
  onSubmit: (reason: string) => void
}

/** Returning a report, withdrawing a confirmation or a notice: each asks for a reason someone else reads. */
export default function ReasonSheet({ toastId, name, title, hint, placeholder, submitText, busy, onClose, onSubmit }: ReasonSheetProps) {
  const [reason, setReason] = useState('')
  const submit = () => {
    if (reason.trim().length < 2) return Toast.show(toastId, { content: '请写明原因（至少 2 个字）', icon: 'warn' })
    onSubmit(reason.trim())
  }
  return (
    <Popup visible position='bottom' round closeable title={title} onClose={onClose}>
      <View className={`members-sheet e2e-${name}-sheet`}>
        <View className='tx-muted'>{hint}</View>
        <TextArea className={`e2e-${name}-reason`} value={reason} onChange={setReason} placeholder={placeholder} maxLength={200} showCount />
        <Button className={`e2e-${name}-submit`} type='primary' block loading={busy} disabled={busy} onClick={submit}>
          {submitText}
        </Button>
      </View>
    </Popup>
  )
}
