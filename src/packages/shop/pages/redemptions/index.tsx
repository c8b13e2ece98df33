import { View } from '@tarojs/components'
import { Button, Cell, Dialog, Tag, Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api, type Redemption, type RedemptionStatus } from '@/api'
import FilterTabs from '@/components/filter-tabs'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import { redemptionStatusLabels } from '@/constants/labels'
import { colors } from '@/constants/theme'
import { usePagedList } from '@/hooks/use-paged-list'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { toApiError } from '@/utils/errors'
import { formatDateTime } from '@/utils/format'
import PickupCard from '../../components/pickup-card'
import './index.scss'

const TOAST_ID = 'redemptions-toast'
const ALL = 'all'
type Filter = RedemptionStatus | typeof ALL
const filters: readonly Filter[] = ['held', ALL, 'picked', 'cancelled', 'expired']
const labelOf = (filter: Filter) => (filter === ALL ? '全部' : redemptionStatusLabels[filter])

/** My redemptions; the ones awaiting pick-up carry their code, and can be cancelled. */
export default function Redemptions() {
  const [filter, setFilter] = useState<Filter>('held')
  const list = usePagedList((page) => api.shop.myRedemptions({ status: filter === ALL ? undefined : filter, page, pageSize: 10 }), [filter])
  useReloadTriggers(list.reload)
  const [cancelling, setCancelling] = useState<Redemption | null>(null)
  const [busy, setBusy] = useState(false)

  const cancel = async (redemption: Redemption) => {
    setCancelling(null)
    setBusy(true)
    try {
      await api.shop.cancel({ redemptionId: redemption.id })
      Toast.show(TOAST_ID, { content: `已取消，${redemption.points} 积分已退回`, icon: 'success' })
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setBusy(false)
      list.reload()
    }
  }

  return (
    <PageShell name='redemptions'>
      <FilterTabs className='e2e-redemption-filter' options={filters} value={filter} onChange={setFilter} labelOf={labelOf} />
      <PagedList
        className='e2e-redemptions'
        list={list}
        emptyText={filter === 'held' ? '没有待领取的兑换' : '还没有兑换记录'}
        renderItem={(redemption) => (
          <View key={redemption.id} className={`tx-card redemption e2e-redemption e2e-redemption-${redemption.status}`}>
            <Cell
              title={redemption.itemName}
              description={`${formatDateTime(redemption.createdAt)} 兑换${redemption.closedAt ? ` · ${formatDateTime(redemption.closedAt)} ${redemptionStatusLabels[redemption.status]}` : ''}`}
              extra={
                <Tag className='tx-tag' plain background={redemption.status === 'held' ? colors.primary : colors.muted}>
                  {redemptionStatusLabels[redemption.status]}
                </Tag>
              }
            />
            {redemption.status === 'held' ? (
              <View>
                <PickupCard redemption={redemption} />
                <Button className='e2e-cancel-redemption' fill='outline' block disabled={busy} onClick={() => setCancelling(redemption)}>
                  取消兑换
                </Button>
              </View>
            ) : null}
          </View>
        )}
      />
      <Dialog
        visible={cancelling !== null}
        title='取消兑换'
        content={cancelling ? `取消「${cancelling.itemName}」的兑换？冻结的 ${cancelling.points} 积分会退回。` : ''}
        confirmText='取消兑换'
        cancelText='保留'
        onConfirm={() => {
          if (cancelling) void cancel(cancelling)
        }}
        onCancel={() => setCancelling(null)}
      />
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}
