import { View } from '@tarojs/components'
import type { Redemption } from '@/api'
import QrCode from '@/components/qr-code'
import { formatDateTime } from '@/utils/format'
import './index.scss'
import { CopyButton } from '@/components/contact'

/**
 * What the member shows at the service centre: the QR code staff scan and
 * the 6 digits they can type instead. Only a held redemption has a code.
 */
export default function PickupCard({ redemption }: { redemption: Redemption }) {
  if (!redemption.pickupCode || !redemption.qrPayload) return null
  return (
    <View className='pickup-card e2e-pickup-card'>
      <View className='pickup-item'>
        {redemption.itemName} · {redemption.points} 积分
      </View>
      <QrCode className='pickup-qr' text={redemption.qrPayload} size={320} />
      <View className='pickup-code e2e-pickup-code'>{redemption.pickupCode}</View>
      <CopyButton text={redemption.pickupCode} what='兑换码' />
      <View className='tx-muted'>请在 {formatDateTime(redemption.expiresAt)} 前到社区党群服务中心出示领取</View>
    </View>
  )
}
