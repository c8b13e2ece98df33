import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Cell, Popup, TextArea, Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api } from '@/api'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { useAsync } from '@/hooks/use-async'
import { useParam } from '@/hooks/use-param'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { useReturns } from '@/hooks/use-shown'
import { toApiError } from '@/utils/errors'
import { formatDateTime } from '@/utils/format'
import { routes } from '@/utils/routes'
import UnitItem from '../../components/unit-item'
import { groupInviteCode } from '../../invite-code'
import type { UnitCard } from '../../labels'
import PairSheet from './pair-sheet'
import './index.scss'
import { CopyButton } from '@/components/contact'

const TOAST_ID = 'unit-manage-toast'

/** A suspension or reinstatement waiting for its reason (both go into the agreement's history). */
interface Change {
  unit: UnitCard
  to: 'suspended' | 'active'
}

interface Invite {
  unitName: string
  code: string
  expiresAt: string
}

/**
 * Staff: the community's units, suspended pairings included (their history
 * stays), with a liaison invite code per unit, suspension and reinstatement
 * with a reason, and the way to register a new one.
 */
export default function ManageUnits() {
  const communityId = useParam('communityId')
  const returns = useReturns()
  const { state, reload } = useAsync(() => api.units.list({ communityId }), [communityId, returns])
  useReloadTriggers(reload)
  const [busyUnit, setBusyUnit] = useState<string | null>(null)
  const [invite, setInvite] = useState<Invite | null>(null)
  const [change, setChange] = useState<Change | null>(null)
  const [reason, setReason] = useState('')
  const [changing, setChanging] = useState(false)
  const [pairing, setPairing] = useState(false)

  const pair = async (input: { unitId: string; signedAt: string }) => {
    try {
      await api.units.pair({ communityId, ...input })
      Toast.show(TOAST_ID, { content: '已结对', icon: 'success' })
      setPairing(false)
      reload()
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    }
  }

  const applyChange = async () => {
    if (!change) return
    if (!reason.trim()) return Toast.show(TOAST_ID, { content: '请填写原因', icon: 'warn' })
    setChanging(true)
    try {
      const input = { unitId: change.unit.id, communityId, reason: reason.trim() }
      await (change.to === 'suspended' ? api.units.suspend(input) : api.units.reinstate(input))
      Toast.show(TOAST_ID, { content: change.to === 'suspended' ? '已暂停共建' : '已恢复共建', icon: 'success' })
      setChange(null)
      setReason('')
      reload()
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setChanging(false)
    }
  }

  const createInvite = async (unit: UnitCard) => {
    setBusyUnit(unit.id)
    try {
      const created = await api.units.createInvite({ unitId: unit.id, communityId, days: 7 })
      setInvite({ unitName: unit.name, code: created.code, expiresAt: created.expiresAt })
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setBusyUnit(null)
    }
  }

  return (
    <PageShell name='unit-manage'>
      <View className='manage-actions'>
        <Button className='e2e-unit-register-open' type='primary' block onClick={() => Taro.navigateTo({ url: routes.staffUnitRegister(communityId) })}>
          登记共建单位
        </Button>
        <Button className='e2e-unit-pair-open' type='primary' fill='outline' block onClick={() => setPairing(true)}>
          结对已有单位
        </Button>
      </View>
      <LoadState state={state} onRetry={reload} isEmpty={(list) => list.length === 0} emptyText='还没有结对的共建单位，先登记一家吧'>
        {(list) => (
          <Cell.Group className='e2e-manage-units'>
            {list.map((unit) => (
              <UnitItem
                key={unit.id}
                unit={unit}
                extra={
                  <View className='manage-unit-actions'>
                    {unit.agreement?.status === 'active' ? (
                      <>
                        <Button
                          className='e2e-unit-invite'
                          size='small'
                          type='primary'
                          fill='outline'
                          loading={busyUnit === unit.id}
                          disabled={busyUnit !== null}
                          onClick={(event) => {
                            // The row opens the detail; the buttons act on the row's unit only.
                            event.stopPropagation()
                            void createInvite(unit)
                          }}
                        >
                          邀请码
                        </Button>
                        <Button
                          className='e2e-unit-suspend'
                          size='small'
                          fill='none'
                          onClick={(event) => {
                            event.stopPropagation()
                            setChange({ unit, to: 'suspended' })
                          }}
                        >
                          暂停
                        </Button>
                      </>
                    ) : (
                      <>
                      <View className='tx-muted e2e-unit-paused'>已暂停</View>
                      <Button
                        className='e2e-unit-reinstate'
                        size='small'
                        type='primary'
                        fill='outline'
                        onClick={(event) => {
                          event.stopPropagation()
                          setChange({ unit, to: 'active' })
                        }}
                      >
                        恢复共建
                      </Button>
                      </>
                    )}
                  </View>
                }
              />
            ))}
          </Cell.Group>
        )}
      </LoadState>
      <Popup visible={invite !== null} position='bottom' round closeable title='联络员邀请码' onClose={() => setInvite(null)}>
        {invite ? (
          <View className='manage-invite e2e-invite'>
            <View className='tx-muted'>{invite.unitName}</View>
            <View className='manage-invite-code e2e-invite-code' data-code={invite.code}>
              {groupInviteCode(invite.code)}
            </View>
            <CopyButton text={invite.code} what='邀请码' />
            <View className='tx-muted'>把邀请码告诉单位联络员，在「共建单位 → 输入邀请码」加入。只能使用一次，{formatDateTime(invite.expiresAt)} 前有效。</View>
          </View>
        ) : null}
      </Popup>
      <Popup
        visible={change !== null}
        position='bottom'
        round
        closeable
        title={change?.to === 'suspended' ? '暂停共建' : '恢复共建'}
        onClose={() => setChange(null)}
      >
        {change ? (
          <View className='manage-change e2e-unit-change'>
            <View className='tx-muted'>
              {change.unit.name}
              {change.to === 'suspended' ? '：暂停后该单位联络员不能再代表单位在本社区办事，记录保留。' : ''}
            </View>
            <TextArea className='e2e-unit-change-reason' value={reason} onChange={setReason} placeholder='原因（必填）' maxLength={200} />
            <Button className='e2e-unit-change-confirm' type='primary' block loading={changing} disabled={changing} onClick={applyChange}>
              {change.to === 'suspended' ? '确认暂停' : '确认恢复'}
            </Button>
          </View>
        ) : null}
      </Popup>
      <PairSheet
        visible={pairing}
        communityId={communityId}
        pairedIds={new Set(state.status === 'ready' ? state.data.map((unit) => unit.id) : [])}
        onClose={() => setPairing(false)}
        onPair={pair}
      />
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}
