import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Cell, Tag } from '@nutui/nutui-react-taro'
import { api } from '@/api'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import { claimStatusLabels } from '@/constants/labels'
import { colors } from '@/constants/theme'
import { usePagedList } from '@/hooks/use-paged-list'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { useReturns } from '@/hooks/use-shown'
import { formatDate } from '@/utils/format'
import { routes } from '@/utils/routes'
import './index.scss'

/** Wishes the caller claimed (as a person or for their unit), newest first; an active one shows its due date. */
export default function MyClaimsPage() {
  const returns = useReturns()
  const list = usePagedList((page) => api.wishes.myClaims({ page, pageSize: 10 }), [returns])
  useReloadTriggers(list.reload)

  return (
    <PageShell name='my-claims'>
      <PagedList
        className='e2e-my-claims'
        list={list}
        emptyText='还没有认领过心愿，去心愿墙看看吧'
        renderItem={(claim) => (
          <Cell
            key={claim.id}
            className={`e2e-my-claim e2e-my-claim-${claim.wish.id}`}
            clickable
            onClick={() => Taro.navigateTo({ url: routes.wishDetail(claim.wish.id) })}
            title={<View className='my-claim-title'>{claim.wish.title}</View>}
            description={
              <View className='my-claim-meta'>
                <View>
                  {claim.wish.category} · 心愿人 {claim.wish.wisherMasked}
                </View>
                {claim.claimerType === 'unit' ? <View>以单位认领：{claim.claimerName}</View> : null}
                <View>
                  {formatDate(claim.createdAt)} 认领
                  {claim.status === 'active' ? ` · 请于 ${formatDate(claim.dueAt)} 前完成` : claim.closedAt ? ` · ${formatDate(claim.closedAt)} 结束` : ''}
                </View>
                {claim.releaseReason ? <View>原因：{claim.releaseReason}</View> : null}
              </View>
            }
            extra={
              <Tag className='tx-tag e2e-my-claim-status' plain background={claim.status === 'active' ? colors.primary : colors.muted}>
                {claimStatusLabels[claim.status]}
              </Tag>
            }
          />
        )}
      />
    </PageShell>
  )
}
