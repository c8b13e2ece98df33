import { View } from '@tarojs/components'
import { Cell } from '@nutui/nutui-react-taro'
import { api } from '@/api'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { useAsync } from '@/hooks/use-async'
import './index.scss'

/** What 共驻共建 means for a resident, in the words the app uses everywhere else. */
const parts = [
  { title: '共建协议', description: '单位与社区签订契约化共建协议，明确双方责任' },
  { title: '承诺事项', description: '单位每年向社区承诺的服务，居民可以评议' },
  { title: '资源清单', description: '单位可共享的场地、物资、人才和资金' },
  { title: '需求清单', description: '社区发布需求，共建单位双向认领' },
]

/**
 * 共建单位 subpackage. Shows how many units serve the caller's community
 * (from the community overview) and what the co-building covers; the unit
 * directory arrives with the units function.
 */
export default function Units() {
  const { state, reload } = useAsync(() => api.communities.overview(), [])
  return (
    <PageShell name='units'>
      <LoadState state={state} onRetry={reload} rows={2}>
        {({ community, stats }) => (
          <View className='units-banner e2e-units-summary'>
            <View className='units-count'>
              <View className='units-count-value e2e-units-count'>{stats.units}</View>
              <View>家共建单位</View>
            </View>
            <View className='units-community'>与{community.name}结对共建</View>
          </View>
        )}
      </LoadState>
      <Cell.Group title='共驻共建包括'>
        {parts.map((part) => (
          <Cell key={part.title} title={part.title} description={part.description} />
        ))}
      </Cell.Group>
      <View className='tx-card tx-muted'>单位名录与承诺事项公示即将开放。单位联络员可在此维护承诺与资源。</View>
    </PageShell>
  )
}
