import { View } from '@tarojs/components'
import { Button, Input, Popup, Tag, TextArea, Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api, type Me } from '@/api'
import FilterTabs from '@/components/filter-tabs'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import { colors } from '@/constants/theme'
import { useAsync } from '@/hooks/use-async'
import { useParam } from '@/hooks/use-param'
import { usePagedList } from '@/hooks/use-paged-list'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { toApiError } from '@/utils/errors'
import { formatDate } from '@/utils/format'
import { demandActions, demandStatusLabels, type Demand, type DemandAction } from '../../demands'
import './index.scss'
import ConfirmSheet, { type PendingConfirmation } from '@/components/confirm-sheet'

const TOAST_ID = 'demands-toast'

/**
 * 需求清单: a community's needs. Staff publish and close them; a unit's
 * liaison claims one for the unit, which puts a linked commitment on the
 * unit's page. `communityId` defaults to the caller's own community.
 */
export default function Demands() {
  const param = useParam('communityId')
  const unitParam = useParam('unitId')
  const me = useAsync(() => api.users.me(), [])
  return (
    <PageShell name='unit-demands'>
      <LoadState state={me.state} onRetry={me.reload} rows={3}>
        {(caller) => <Board me={caller} communityId={param || caller.user?.communityId || ''} initialUnit={unitParam} />}
      </LoadState>
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}

function Board({ me, communityId, initialUnit }: { me: Me; communityId: string; initialUnit: string }) {
  const list = usePagedList((page) => api.units.demands({ communityId, page, pageSize: 10 }), [communityId])
  useReloadTriggers(list.reload)
  const isStaff = me.roles.some((r) => (r.role === 'staff' && r.scopeId === communityId) || r.role === 'district_admin')
  // A liaison of several units chooses which one claims; the server refuses a unit not paired with this community.
  const myUnits = me.roles.filter((r) => r.role === 'liaison')
  const [unitId, setUnitId] = useState(myUnits.some((r) => r.scopeId === initialUnit) ? initialUnit : (myUnits[0]?.scopeId ?? ''))
  const unit = myUnits.find((r) => r.scopeId === unitId) ?? null
  const [busy, setBusy] = useState(false)
  const [publishing, setPublishing] = useState(false)
  const [cancelling, setCancelling] = useState<Demand | null>(null)
  const [pending, setPending] = useState<PendingConfirmation | null>(null)
  const [reason, setReason] = useState('')

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true)
    try {
      await work()
      Toast.show(TOAST_ID, { content: done, icon: 'success' })
      list.reload()
      return true
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
      return false
    } finally {
      setBusy(false)
    }
  }

  const act = (demand: Demand, action: DemandAction) => {
    if (action === 'cancel') {
      setReason('')
      setCancelling(demand)
      return
    }
    if (action === 'claim' && unit) {
      setPending({
        title: '认领需求',
        text: `以「${unit.scopeName}」认领「${demand.title}」后，它将作为本单位的承诺事项，需按期完成并由社区验收，不能直接撤销。`,
        confirmText: '确认认领',
        run: () => void run(() => api.units.claimDemand({ demandId: demand.id, unitId: unit.scopeId }), `已由${unit.scopeName}认领，已加入承诺事项`),
      })
    }
    if (action === 'complete') void run(() => api.units.completeDemand({ demandId: demand.id }), '已标记完成')
  }

  return (
    <View>
      <ConfirmSheet pending={pending} onClose={() => setPending(null)} />
      {isStaff ? (
        <View className='demands-actions'>
          <Button className='e2e-demand-publish-open' type='primary' block onClick={() => setPublishing(true)}>
            发布需求
          </Button>
        </View>
      ) : null}
      {myUnits.length > 1 ? (
        <FilterTabs
          className='e2e-demand-units'
          options={myUnits.map((r) => r.scopeId)}
          labelOf={(id) => myUnits.find((r) => r.scopeId === id)?.scopeName ?? id}
          value={unitId}
          onChange={setUnitId}
        />
      ) : null}
      {unit ? <View className='tx-muted demands-hint e2e-demand-acting'>以「{unit.scopeName}」认领，认领后自动生成承诺事项。</View> : null}
      <PagedList
        className='e2e-demands'
        list={list}
        emptyText='社区暂时没有发布需求'
        renderItem={(demand) => (
          <DemandCard key={demand.id} demand={demand} actions={demandActions(demand, { isStaff, unitId: unit?.scopeId ?? null })} busy={busy} onAct={act} />
        )}
      />
      <PublishSheet
        visible={publishing}
        communityId={communityId}
        onClose={() => setPublishing(false)}
        onPublish={async (input) => {
          if (await run(() => api.units.publishDemand(input), '已发布')) setPublishing(false)
        }}
      />
      <Popup visible={cancelling !== null} position='bottom' round closeable title='取消需求' onClose={() => setCancelling(null)}>
        {cancelling ? (
          <View className='demands-sheet'>
            <View className='tx-muted'>{cancelling.title}</View>
            <TextArea className='e2e-demand-cancel-reason' value={reason} onChange={setReason} placeholder='取消原因（必填）' maxLength={200} />
            <Button
              className='e2e-demand-cancel-confirm'
              type='primary'
              block
              loading={busy}
              disabled={busy || !reason.trim()}
              onClick={async () => {
                if (await run(() => api.units.cancelDemand({ demandId: cancelling.id, reason: reason.trim() }), '已取消')) setCancelling(null)
              }}
            >
              确认取消
            </Button>
          </View>
        ) : null}
      </Popup>
    </View>
  )
}

const actionText: Record<DemandAction, string> = { claim: '认领', complete: '标记完成', cancel: '取消' }

function DemandCard({ demand, actions, busy, onAct }: { demand: Demand; actions: DemandAction[]; busy: boolean; onAct: (d: Demand, a: DemandAction) => void }) {
  return (
    <View className={`tx-card demand-card e2e-demand e2e-demand-${demand.id}`}>
      <View className='demand-head'>
        <View className='demand-title'>{demand.title}</View>
        <Tag className='tx-tag e2e-demand-status' plain background={demand.status === 'open' ? colors.primary : colors.muted}>
          {demandStatusLabels[demand.status]}
        </Tag>
      </View>
      <View className='demand-meta'>
        {demand.category}
        {demand.deadline ? ` · ${formatDate(demand.deadline)} 前` : ''}
        {demand.maxClaims > 1 ? ` · 可由 ${demand.maxClaims} 家单位认领` : ''}
      </View>
      <View className='demand-content'>{demand.content}</View>
      {demand.claims.length > 0 ? <View className='demand-meta e2e-demand-claimers'>认领单位：{demand.claims.map((c) => c.unitName).join('、')}</View> : null}
      {demand.status === 'cancelled' && demand.cancelReason ? <View className='demand-meta'>取消原因：{demand.cancelReason}</View> : null}
      {actions.length > 0 ? (
        <View className='demand-actions'>
          {actions.map((action) => (
            <Button
              key={action}
              className={`e2e-demand-${action}`}
              size='small'
              type={action === 'cancel' ? 'default' : 'primary'}
              fill={action === 'cancel' ? 'outline' : 'solid'}
              disabled={busy}
              onClick={() => onAct(demand, action)}
            >
              {actionText[action]}
            </Button>
          ))}
        </View>
      ) : null}
    </View>
  )
}

interface PublishInput {
  communityId: string
  title: string
  content: string
  category: string
  maxClaims: number
}

function PublishSheet({ visible, communityId, onClose, onPublish }: { visible: boolean; communityId: string; onClose: () => void; onPublish: (input: PublishInput) => Promise<void> }) {
  const [form, setForm] = useState({ title: '', content: '', category: '', maxClaims: '1' })
  const set = (key: keyof typeof form) => (value: string) => setForm((current) => ({ ...current, [key]: value }))
  const maxClaims = Number(form.maxClaims)
  const problem = !form.title.trim()
    ? '请填写标题'
    : !form.category.trim()
      ? '请填写类别'
      : !form.content.trim()
        ? '请填写需求内容'
        : !Number.isInteger(maxClaims) || maxClaims < 1 || maxClaims > 10
          ? '可认领单位数为 1–10'
          : null
  return (
    <Popup visible={visible} position='bottom' round closeable title='发布需求' onClose={onClose}>
      <View className='demands-sheet e2e-demand-publish'>
        <Input className='e2e-demand-title-input' value={form.title} onChange={set('title')} placeholder='标题，如：老年食堂需要志愿帮厨' maxLength={40} />
        <Input className='e2e-demand-category-input' value={form.category} onChange={set('category')} placeholder='类别，如：为老服务' maxLength={20} />
        <TextArea className='e2e-demand-content-input' value={form.content} onChange={set('content')} placeholder='需求内容：做什么、何时、需要多少人或物' maxLength={1000} />
        <Input className='e2e-demand-max-input' type='digit' value={form.maxClaims} onChange={set('maxClaims')} placeholder='可认领单位数（1–10）' maxLength={2} />
        {problem ? <View className='tx-muted'>{problem}</View> : null}
        <Button
          className='e2e-demand-publish-submit'
          type='primary'
          block
          disabled={problem !== null}
          onClick={() => onPublish({ communityId, title: form.title.trim(), content: form.content.trim(), category: form.category.trim(), maxClaims })}
        >
          发布
        </Button>
      </View>
    </Popup>
  )
}
