import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Cell, Toast } from '@nutui/nutui-react-taro'
import { useCallback, useState } from 'react'
import { api, type Me } from '@/api'
import FilterTabs from '@/components/filter-tabs'
import LoadState, { EmptyView } from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { useAsync } from '@/hooks/use-async'
import { useParam } from '@/hooks/use-param'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { routes } from '@/utils/routes'
import { PublishResourceSheet, RESOURCE_TOAST, RequestList, ResourceList } from '../../components/resources'
import './index.scss'

/**
 * 联络员工作台: everything a liaison does for their unit in one place — the
 * unit's commitments (on its page), its 资源清单 and the requests communities
 * make of it, and the demand boards of the communities it serves. A liaison
 * of several units picks which one they act for; every call names that unit.
 */
export default function Workspace() {
  const param = useParam('unitId')
  const me = useAsync(() => api.users.me(), [])
  return (
    <PageShell name='unit-workspace'>
      <LoadState state={me.state} onRetry={me.reload} rows={4}>
        {(caller) => <Units me={caller} initial={param} />}
      </LoadState>
      <Toast id={RESOURCE_TOAST} />
    </PageShell>
  )
}

function Units({ me, initial }: { me: Me; initial: string }) {
  const units = me.roles.filter((r) => r.role === 'liaison')
  const [unitId, setUnitId] = useState(units.some((u) => u.scopeId === initial) ? initial : (units[0]?.scopeId ?? ''))
  if (units.length === 0) {
    return (
      <EmptyView text='您还不是共建单位的联络员'>
        <Button className='e2e-workspace-join' type='primary' size='small' onClick={() => Taro.navigateTo({ url: routes.unitJoin })}>
          输入邀请码
        </Button>
      </EmptyView>
    )
  }
  const names = new Map(units.map((u) => [u.scopeId, u.scopeName]))
  return (
    <View>
      {units.length > 1 ? (
        <FilterTabs className='e2e-workspace-units' options={units.map((u) => u.scopeId)} labelOf={(id) => names.get(id) ?? id} value={unitId} onChange={setUnitId} />
      ) : null}
      <UnitDesk key={unitId} unitId={unitId} />
    </View>
  )
}

function UnitDesk({ unitId }: { unitId: string }) {
  const detail = useAsync(() => api.units.detail({ unitId }), [unitId])
  const requests = useAsync(() => api.units.resourceRequests({ unitId }), [unitId])
  const [publishing, setPublishing] = useState(false)
  const { reload: reloadDetail } = detail
  const { reload: reloadRequests } = requests
  useReloadTriggers(
    useCallback(() => {
      reloadDetail()
      reloadRequests()
    }, [reloadDetail, reloadRequests]),
  )
  return (
    <LoadState state={detail.state} onRetry={detail.reload} rows={4}>
      {(unit) => {
        const serving = unit.agreements.filter((agreement) => agreement.status === 'active')
        const open = unit.commitments.items.filter((c) => c.status === 'agreed' || c.status === 'in_progress' || c.status === 'proposed').length
        return (
          <View>
            <View className='workspace-unit e2e-workspace-unit' data-unit={unit.id}>
              <View className='workspace-unit-name'>{unit.name}</View>
              <View className='workspace-unit-sub'>以本单位名义办理 · 结对 {serving.length} 个社区</View>
            </View>
            <Cell.Group title='承诺事项'>
              <Cell
                className='e2e-workspace-commitments'
                title='本单位的承诺事项'
                description={`进行中和待确认 ${open} 项：提出承诺、记录进展、提交佐证`}
                clickable
                onClick={() => Taro.navigateTo({ url: routes.unitDetail(unit.id) })}
              />
            </Cell.Group>
            <Cell.Group title='需求清单'>
              {serving.length === 0 ? <Cell title='暂无结对社区' /> : null}
              {serving.map((agreement) => (
                <Cell
                  key={agreement.communityId}
                  className={`e2e-workspace-demands e2e-workspace-demands-${agreement.communityId}`}
                  title={`${agreement.communityName}的需求`}
                  description='认领后自动生成本单位的承诺事项'
                  clickable
                  onClick={() => Taro.navigateTo({ url: routes.unitDemands(agreement.communityId, unit.id) })}
                />
              ))}
            </Cell.Group>
            <View className='tx-section-title'>
              <View>资源清单</View>
              <View className='tx-section-more e2e-resource-publish-open' onClick={() => setPublishing(true)}>
                ＋ 发布资源
              </View>
            </View>
            {unit.resources.length === 0 ? (
              <EmptyView text='还没有公布可共享的资源' />
            ) : (
              <Cell.Group className='e2e-workspace-resources'>
                <ResourceList resources={unit.resources} requestFor={null} />
              </Cell.Group>
            )}
            <View className='tx-section-title'>
              <View>社区的资源申请</View>
            </View>
            <LoadState state={requests.state} onRetry={requests.reload} isEmpty={(list) => list.length === 0} emptyText='还没有社区申请本单位的资源'>
              {(list) => (
                <View className='e2e-resource-requests'>
                  <RequestList requests={list} roles={{ isStaff: false, isLiaison: true }} onChanged={requests.reload} />
                </View>
              )}
            </LoadState>
            <PublishResourceSheet
              visible={publishing}
              unitId={unit.id}
              onClose={() => setPublishing(false)}
              onDone={() => {
                setPublishing(false)
                detail.reload()
              }}
            />
          </View>
        )
      }}
    </LoadState>
  )
}
