import { View } from '@tarojs/components'
import { Cell, Toast } from '@nutui/nutui-react-taro'
import { useCallback, useState } from 'react'
import { api, type Me } from '@/api'
import FilterTabs from '@/components/filter-tabs'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { useAsync } from '@/hooks/use-async'
import { useParam } from '@/hooks/use-param'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { RESOURCE_TOAST, RequestList, ResourceList } from '../../components/resources'
import './index.scss'

type Tab = 'resources' | 'requests'
const tabLabels: Record<Tab, string> = { resources: '可共享资源', requests: '申请记录' }

/**
 * 资源清单 of a community: what every unit paired with it can share. Staff
 * of the community request a resource here and follow their requests to
 * 已提供 (a shared resource in the 台账); everyone else reads the list.
 */
export default function CommunityResources() {
  const param = useParam('communityId')
  const me = useAsync(() => api.users.me().catch(() => null), [])
  return (
    <PageShell name='unit-resources'>
      <LoadState state={me.state} onRetry={me.reload} rows={3}>
        {(caller) => <Board me={caller} communityId={param || caller?.user?.communityId || ''} />}
      </LoadState>
      <Toast id={RESOURCE_TOAST} />
    </PageShell>
  )
}

function Board({ me, communityId }: { me: Me | null; communityId: string }) {
  const isStaff = me?.roles.some((r) => (r.role === 'staff' && r.scopeId === communityId) || r.role === 'district_admin') ?? false
  const [tab, setTab] = useState<Tab>('resources')
  const resources = useAsync(() => api.units.resources({ communityId: communityId || undefined }), [communityId])
  const requests = useAsync(() => (isStaff ? api.units.resourceRequests({ communityId }) : Promise.resolve([])), [communityId, isStaff])
  const { reload: reloadResources } = resources
  const { reload: reloadRequests } = requests
  useReloadTriggers(
    useCallback(() => {
      reloadResources()
      reloadRequests()
    }, [reloadResources, reloadRequests]),
  )
  return (
    <View>
      {isStaff ? <FilterTabs className='e2e-resources-tabs' options={['resources', 'requests'] as Tab[]} labelOf={(t) => tabLabels[t]} value={tab} onChange={setTab} /> : null}
      {tab === 'resources' ? (
        <LoadState state={resources.state} onRetry={resources.reload} isEmpty={(list) => list.length === 0} emptyText='结对单位还没有公布可共享的资源'>
          {(list) => (
            <Cell.Group className='e2e-resources'>
              <ResourceList resources={list} showUnit requestFor={isStaff ? communityId : null} onRequested={requests.reload} />
            </Cell.Group>
          )}
        </LoadState>
      ) : (
        <LoadState state={requests.state} onRetry={requests.reload} isEmpty={(list) => list.length === 0} emptyText='还没有申请过资源'>
          {(list) => (
            <View className='e2e-resource-requests'>
              <View className='tx-muted resources-hint'>单位同意后，资源到位时请标记「已提供」，计入共享资源。</View>
              <RequestList requests={list} roles={{ isStaff: true, isLiaison: false }} onChanged={requests.reload} />
            </View>
          )}
        </LoadState>
      )}
    </View>
  )
}
