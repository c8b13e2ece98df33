import { View } from '@tarojs/components'
import { Button, Popup, TextArea, Toast } from '@nutui/nutui-react-taro'
import { useState, type ReactNode } from 'react'
import './sheets.scss'

interface TextSheetProps {
  /** The page's Toast, which says what is missing. */
  toastId: string
  /** e2e hooks: `e2e-<name>-sheet`, `e2e-<name>-text`, `e2e-<name>-submit`. */
  name: string
  title: string
  hint: string
  placeholder: string
  minLength: number
  maxLength: number
  missing: string
  submitText: string
  busy: boolean
  /** More fields under the text (photos of the result). */
  children?: ReactNode
  onClose: () => void
  onSubmit: (text: string) => void
}

/** Decline, reply and close each send one text the submitter reads. */
export default function TextSheet(props: TextSheetProps) {
  const [text, setText] = useState('')
  const submit = () => {
    if (text.trim().length < props.minLength) return Toast.show(props.toastId, { content: props.missing, icon: 'warn' })
    props.onSubmit(text.trim())
  }
  return (
    <Popup visible position='bottom' round closeable title={props.title} onClose={props.onClose}>
      <View className={`suggestion-sheet e2e-${props.name}-sheet`}>
        <View className='tx-muted suggestion-sheet-hint'>{props.hint}</View>
        <TextArea className={`e2e-${props.name}-text`} value={text} onChange={setText} placeholder={props.placeholder} maxLength={props.maxLength} showCount />
        {props.children}
        <Button className={`suggestion-sheet-submit e2e-${props.name}-submit`} type='primary' block loading={props.busy} disabled={props.busy} onClick={submit}>
          {props.submitText}
        </Button>
      </View>
    </Popup>
  )
}
