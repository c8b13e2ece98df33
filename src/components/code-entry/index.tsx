import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Input } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { digitsOnly, isSixDigits, parseScanned } from '@/utils/codes'
import './index.scss'

const canScan = process.env.TARO_ENV === 'weapp'

interface Props {
  kind: 'checkin' | 'pickup'
  /** The activity (check-in) or community (pick-up) a scanned code must belong to. */
  scope: string
  submitText: string
  busy: boolean
  /** Resolves false when the code was refused: the box is then emptied for the next try. */
  onSubmit: (code: string) => Promise<boolean> | void
  className?: string
}

const scanMessages = {
  'not-ours': '这不是同心社区的二维码',
  'other-scope': { checkin: '这是其他活动的签到码', pickup: '这是其他社区的兑换码' },
} as const

/**
 * Scan or type a 6-digit code. Scanning needs the mini-program's camera;
 * typing works everywhere (H5, a broken camera, a code read out aloud).
 */
export default function CodeEntry({ kind, scope, submitText, busy, onSubmit, className }: Props) {
  const [code, setCode] = useState('')
  const [hint, setHint] = useState<string | null>(null)

  const scan = async () => {
    setHint(null)
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      const scanned = parseScanned(kind, result, scope)
      if (!scanned.ok) {
        setHint(scanned.reason === 'not-ours' ? scanMessages['not-ours'] : scanMessages['other-scope'][kind])
        return
      }
      setCode(scanned.code)
      send(scanned.code)
    } catch {
      // The user closed the camera: nothing to say.
    }
  }

  // A refused code stays wrong: leave an empty box, not six digits to delete one by one.
  const send = (value: string) => {
    void Promise.resolve(onSubmit(value)).then((accepted) => {
      if (accepted === false) setCode('')
    })
  }

  const submit = () => {
    if (!isSixDigits(code)) {
      setHint('请输入 6 位数字')
      return
    }
    setHint(null)
    send(code)
  }

  return (
    <View className={`tx-code-entry ${className ?? ''}`}>
      {canScan ? (
        <Button className='tx-code-scan e2e-code-scan' type='primary' block disabled={busy} onClick={scan}>
          扫码
        </Button>
      ) : null}
      <View className='tx-code-row'>
        <Input
          className='tx-code-input e2e-code-input'
          aria-label={kind === 'checkin' ? '签到码' : '兑换码'}
          type='digit'
          value={code}
          maxLength={6}
          placeholder={canScan ? '或输入 6 位数字' : '输入 6 位数字'}
          onChange={(value) => setCode(digitsOnly(value))}
          onConfirm={submit}
        />
        <Button className='e2e-code-submit' type='primary' fill={canScan ? 'outline' : 'solid'} loading={busy} disabled={busy || code.length !== 6} onClick={submit}>
          {submitText}
        </Button>
      </View>
      {hint ? <View className='tx-code-hint e2e-code-hint'>{hint}</View> : null}
    </View>
  )
}
