import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Cell } from '@nutui/nutui-react-taro'
import { api } from '@/api'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { useAsync } from '@/hooks/use-async'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { routes } from '@/utils/routes'
import UnitItem from '../../components/unit-item'
import './index.scss'

/** What 共驻共建 means for a resident, in the words the app uses everywhere else. */
const parts = [
  { title: '共建协议', description: '单位与社区签订契约化共建协议，明确双方责任' },
  { title: '承诺事项', description: '单位每年向社区承诺的服务，居民可以评议' },
  { title: '资源清单', description: '单位可共享的场地、物资、人才和资金' },
  { title: '需求清单', description: '社区发布需求，共建单位双向认领' },
]

/**
 * 共建单位: the units co-building with the caller's community (public
 * fields; a visitor sees the demo community's), each opening its detail.
 */
export default function Units() {
  const overview = useAsync(() => api.communities.overview(), [])
  const units = useAsync(() => api.units.list(), [])
  useReloadTriggers(units.reload)
  return (
    <PageShell name='units'>
      <LoadState state={overview.state} onRetry={overview.reload} rows={2}>
        {({ community, stats }) => (
          <View className='units-banner e2e-units-summary'>
            <View className='units-count'>
              <View className='units-count-value e2e-units-count'>{stats.units}</View>
              <View>家共建单位</View>
            </View>
            <View className='units-community'>与{community.name}结对共建</View>
            <View className='units-links'>
              <View className='units-link e2e-units-showcase-entry' onClick={() => Taro.navigateTo({ url: routes.unitShowcase(community.id) })}>
                共建风采 ›
              </View>
              <View className='units-link e2e-units-resources-entry' onClick={() => Taro.navigateTo({ url: routes.unitResources(community.id) })}>
                资源清单 ›
              </View>
            </View>
          </View>
        )}
      </LoadState>
      <View className='tx-section-title'>
        <View>共建单位名录</View>
      </View>
      <LoadState state={units.state} onRetry={units.reload} isEmpty={(list) => list.length === 0} emptyText='本社区还没有结对的共建单位'>
        {(list) => (
          <Cell.Group className='e2e-units'>
            {list.map((unit) => (
              <UnitItem key={unit.id} unit={unit} />
            ))}
          </Cell.Group>
        )}
      </LoadState>
      <Cell.Group title='共驻共建包括'>
        {parts.map((part) => (
          <Cell key={part.title} title={part.title} description={part.description} />
        ))}
      </Cell.Group>
      <Cell.Group title='单位联络员'>
        <Cell className='e2e-unit-workspace-entry' title='联络员工作台' description='代表本单位：承诺事项、资源清单、资源申请、认领需求' clickable onClick={() => Taro.navigateTo({ url: routes.unitWorkspace() })} />
        <Cell className='e2e-unit-demands-entry' title='需求清单' description='社区发布的需求，共建单位认领后纳入承诺事项' clickable onClick={() => Taro.navigateTo({ url: routes.myDemands })} />
        <Cell className='e2e-unit-join-entry' title='输入邀请码加入共建单位' description='邀请码由社区工作人员生成，8 位，一次有效' clickable onClick={() => Taro.navigateTo({ url: routes.unitJoin })} />
      </Cell.Group>
    </PageShell>
  )
}
