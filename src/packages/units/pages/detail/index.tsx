import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Cell, Tag } from '@nutui/nutui-react-taro'
import { api } from '@/api'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { colors } from '@/constants/theme'
import { useAsync } from '@/hooks/use-async'
import { useParam } from '@/hooks/use-param'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { formatDate } from '@/utils/format'
import { agreementStatusLabels, type UnitDetail } from '../../labels'
import './index.scss'

/**
 * A co-building unit: who it is and which communities it has signed with.
 * The contact appears only when the server sends it (staff of a paired
 * community, the unit's own liaisons).
 */
export default function UnitDetailPage() {
  const unitId = useParam('id')
  const { state, reload } = useAsync(() => api.units.detail({ unitId }), [unitId])
  useReloadTriggers(reload)
  return (
    <PageShell name='unit-detail'>
      <LoadState state={state} onRetry={reload} rows={4}>
        {(unit) => <Detail unit={unit} />}
      </LoadState>
    </PageShell>
  )
}

function Detail({ unit }: { unit: UnitDetail }) {
  const { contact } = unit
  return (
    <View>
      <View className='unit-banner'>
        <View className='unit-name e2e-unit-name'>{unit.name}</View>
        <View className='unit-sub'>
          {unit.kind} · {unit.partyOrg}
        </View>
        {unit.status !== 'active' ? <View className='unit-sub e2e-unit-suspended'>该单位已暂停共建</View> : null}
      </View>
      <Cell.Group title='单位信息'>
        <Cell title='党组织' extra={unit.partyOrg} />
        <Cell title='地址' description={unit.address} />
        {contact ? (
          <Cell
            className='e2e-unit-contact'
            title={`联系人 ${contact.name}`}
            extra={contact.phone}
            clickable={process.env.TARO_ENV === 'weapp'}
            onClick={() => {
              if (process.env.TARO_ENV === 'weapp') Taro.makePhoneCall({ phoneNumber: contact.phone })
            }}
          />
        ) : null}
      </Cell.Group>
      <Cell.Group title='共建协议' className='e2e-unit-agreements'>
        {unit.agreements.length === 0 ? <Cell title='暂无结对社区' /> : null}
        {unit.agreements.map((agreement) => (
          <Cell
            key={agreement.communityId}
            className={`e2e-unit-agreement e2e-unit-agreement-${agreement.communityId}`}
            title={agreement.communityName || agreement.communityId}
            description={`${formatDate(agreement.signedAt)} 签订`}
            extra={
              <Tag className='tx-tag' plain background={agreement.status === 'active' ? colors.primary : '#6b6b6b'}>
                {agreementStatusLabels[agreement.status]}
              </Tag>
            }
          />
        ))}
      </Cell.Group>
    </View>
  )
}
