import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './index.scss'

/**
 * A phone number shown to someone allowed to see it is a call away (拨打),
 * as everywhere in WeChat; the number stays readable beside the action.
 */
export function PhoneLink({ phone, className }: { phone: string; className?: string }) {
  const call = (event?: { stopPropagation?: () => void }) => {
    event?.stopPropagation?.()
    void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)
  }
  return (
    <View className={`tx-action-link e2e-phone-link ${className ?? ''}`} role='button' aria-label={`拨打 ${phone}`} onClick={call}>
      <Text className='tx-nowrap'>{phone}</Text>
      <Text className='tx-action-word'>拨打</Text>
    </View>
  )
}

/** A code someone must pass on (invite code, pick-up code): one tap copies it. */
export function CopyButton({ text, what, className }: { text: string; what: string; className?: string }) {
  const copy = (event?: { stopPropagation?: () => void }) => {
    event?.stopPropagation?.()
    void Taro.setClipboardData({ data: text })
      .then(() => Taro.showToast({ title: `${what}已复制`, icon: 'none' }))
      .catch(() => undefined)
  }
  return (
    <View className={`tx-action-link e2e-copy ${className ?? ''}`} role='button' aria-label={`复制${what}`} onClick={copy}>
      <Text className='tx-action-word'>复制{what}</Text>
    </View>
  )
}
