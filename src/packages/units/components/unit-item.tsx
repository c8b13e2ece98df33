import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Cell, Tag } from '@nutui/nutui-react-taro'
import { colors } from '@/constants/theme'
import { formatDate } from '@/utils/format'
import { routes } from '@/utils/routes'
import { agreementStatusLabels, type UnitCard } from '../labels'
import './unit-item.scss'

/** One co-building unit in a list: public fields only (the list never carries contacts). */
export default function UnitItem({ unit, extra }: { unit: UnitCard; extra?: React.ReactNode }) {
  const paused = unit.status !== 'active' || unit.agreement?.status === 'suspended'
  return (
    <Cell
      className={`e2e-unit e2e-unit-${unit.id}`}
      clickable
      onClick={() => Taro.navigateTo({ url: routes.unitDetail(unit.id) })}
      title={<View className='unit-item-name'>{unit.name}</View>}
      description={
        <View className='unit-item-meta'>
          <View>
            {unit.kind} · {unit.partyOrg}
          </View>
          {unit.agreement ? <View>{formatDate(unit.agreement.signedAt)} 签订共建协议</View> : null}
        </View>
      }
      extra={
        extra ?? (
          <Tag className='tx-tag e2e-unit-status' plain background={paused ? colors.muted : colors.primary}>
            {paused ? agreementStatusLabels.suspended : agreementStatusLabels.active}
          </Tag>
        )
      }
    />
  )
}
