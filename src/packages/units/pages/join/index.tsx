import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Input, Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api } from '@/api'
import PageShell from '@/components/page-shell'
import { toApiError } from '@/utils/errors'
import { routes } from '@/utils/routes'
import { isInviteCode, normaliseInviteCode } from '../../invite-code'
import './index.scss'

const TOAST_ID = 'unit-join-toast'

/**
 * A liaison joins their unit with the code community staff generated. The
 * code works once; joining makes the caller the unit's liaison.
 */
export default function JoinUnit() {
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [joined, setJoined] = useState<{ unitId: string; unitName: string } | null>(null)

  const submit = async () => {
    if (!isInviteCode(code)) return Toast.show(TOAST_ID, { content: '请输入 8 位邀请码', icon: 'warn' })
    setBusy(true)
    try {
      setJoined(await api.units.join({ code }))
    } catch (error) {
      // The server's message says what to do: log in, register, or ask staff for a fresh code.
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell name='unit-join'>
      {joined ? (
        <View className='tx-card join-done e2e-unit-joined'>
          <View className='join-done-title'>已加入</View>
          <View className='join-done-unit e2e-unit-joined-name'>{joined.unitName}</View>
          <View className='tx-muted'>您现在是该单位的联络员，可以代表单位认领心愿、维护承诺与资源。</View>
          <Button className='e2e-unit-joined-open' type='primary' block onClick={() => Taro.redirectTo({ url: routes.unitDetail(joined.unitId) })}>
            查看单位
          </Button>
        </View>
      ) : (
        <View className='tx-card join-form'>
          <View className='join-label'>邀请码</View>
          <Input
            className='join-input e2e-unit-code'
            value={code}
            maxLength={9}
            placeholder='8 位字母和数字'
            onChange={(value) => setCode(normaliseInviteCode(value))}
            onConfirm={submit}
          />
          <Button className='e2e-unit-join' type='primary' block loading={busy} disabled={busy || !isInviteCode(code)} onClick={submit}>
            加入
          </Button>
          <View className='tx-muted'>邀请码由结对社区的工作人员生成，一次有效，过期作废。</View>
        </View>
      )}
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}
