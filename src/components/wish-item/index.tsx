import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { WishCard } from '@/api'
import { wishStatusLabels } from '@/constants/labels'
import { formatDate } from '@/utils/format'
import { routes } from '@/utils/routes'
import './index.scss'

/**
 * Public view: the wisher's name arrives masked (王*华) and is shown as is.
 * A full-width row, not a NutUI Cell: the Cell's extra column left the text
 * 179 of 390 px in 长辈版 and broke names and dates mid-word; here the
 * meta line wraps between whole items instead.
 */
export default function WishItem({ wish }: { wish: WishCard }) {
  return (
    <View className={`tx-row tx-wish e2e-wish-item e2e-wish-${wish.id}`} onClick={() => Taro.navigateTo({ url: routes.wishDetail(wish.id) })}>
      {wish.photo ? <Image className='tx-wish-photo e2e-wish-card-photo' src={wish.photo} mode='aspectFill' /> : null}
      <View className='tx-wish-body'>
        <View className='tx-row-head'>
          <View className='tx-wish-title'>{wish.title}</View>
          <View className={`tx-chip tx-wish-status${wish.status === 'open' ? ' tx-chip-primary' : ''}`}>{wishStatusLabels[wish.status]}</View>
        </View>
        <View className='tx-wish-meta'>
          <View className='tx-chip tx-chip-info'>{wish.category}</View>
          <View className='tx-nowrap e2e-wish-wisher'>{wish.wisherMasked}</View>
          <View className='tx-nowrap'>{formatDate(wish.createdAt)}</View>
        </View>
      </View>
    </View>
  )
}
