import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Cell, Popup, Toast } from '@nutui/nutui-react-taro'
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
import './index.scss'

const TOAST_ID = 'unit-manage-toast'

interface Invite {
  unitName: string
  code: string
  expiresAt: string
}

/**
 * Staff: the community's units, suspended pairings included (their history
 * stays), with a liaison invite code per unit and the way to register a new one.
 */
export default function ManageUnits() {
  const communityId = useParam('communityId')
  const returns = useReturns()
  const { state, reload } = useAsync(() => api.units.list({ communityId }), [communityId, returns])
  useReloadTriggers(reload)
  const [busyUnit, setBusyUnit] = useState<string | null>(null)
  const [invite, setInvite] = useState<Invite | null>(null)

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
      </View>
      <LoadState state={state} onRetry={reload} isEmpty={(list) => list.length === 0} emptyText='还没有结对的共建单位，先登记一家吧'>
        {(list) => (
          <Cell.Group className='e2e-manage-units'>
            {list.map((unit) => (
              <UnitItem
                key={unit.id}
                unit={unit}
                extra={
                  unit.status === 'active' && unit.agreement?.status === 'active' ? (
                    <Button
                      className='e2e-unit-invite'
                      size='small'
                      type='primary'
                      fill='outline'
                      loading={busyUnit === unit.id}
                      disabled={busyUnit !== null}
                      onClick={(event) => {
                        // The row opens the detail; the button only makes a code.
                        event.stopPropagation()
                        void createInvite(unit)
                      }}
                    >
                      邀请码
                    </Button>
                  ) : (
                    <View className='tx-muted'>已暂停</View>
                  )
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
            <View className='tx-muted'>把邀请码告诉单位联络员，在「共建单位 → 输入邀请码」加入。只能使用一次，{formatDateTime(invite.expiresAt)} 前有效。</View>
          </View>
        ) : null}
      </Popup>
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}
