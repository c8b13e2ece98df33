import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Cell, Tag } from '@nutui/nutui-react-taro'
import type { WishCard } from '@/api'
import { wishStatusLabels } from '@/constants/labels'
import { colors } from '@/constants/theme'
import { formatDate } from '@/utils/format'
import { routes } from '@/utils/routes'
import './index.scss'

/** Public view: the wisher's name arrives masked (王*华) and is shown as is. */
export default function WishItem({ wish }: { wish: WishCard }) {
  return (
    <Cell
      className={`tx-wish e2e-wish-item e2e-wish-${wish.id}`}
      clickable
      onClick={() => Taro.navigateTo({ url: routes.wishDetail(wish.id) })}
      title={<View className='tx-wish-title'>{wish.title}</View>}
      description={
        <View className='tx-wish-meta'>
          <Tag className='tx-tag' plain background={colors.info}>
            {wish.category}
          </Tag>
          <View className='e2e-wish-wisher'>{wish.wisherMasked}</View>
          <View>{formatDate(wish.createdAt)}</View>
        </View>
      }
      extra={
        <Tag className='tx-tag' type={wish.status === 'open' ? 'primary' : 'default'}>
          {wishStatusLabels[wish.status]}
        </Tag>
      }
    />
  )
}
