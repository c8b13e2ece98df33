import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Cell, Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { devAuth, type DevIdentity } from '@/api/dev'
import { emitSessionChanged, setToken } from '@/api/session'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { useAsync } from '@/hooks/use-async'
import { toApiError } from '@/utils/errors'
import './index.scss'

const TOAST_ID = 'login-toast'
const HOME = '/pages/home/index'

/**
 * H5 only: the local server's demo people, one per role. In the mini-program
 * WeChat itself says who the caller is, so this page only points home.
 */
export default function Login() {
  return <PageShell name='login'>{process.env.TARO_ENV === 'h5' ? <IdentityPicker /> : <WeappNotice />}</PageShell>
}

function IdentityPicker() {
  const { state, reload } = useAsync(() => devAuth.identities(), [])
  const [pending, setPending] = useState<string | null>(null)

  const choose = async (identity: DevIdentity) => {
    if (pending) return
    setPending(identity.openid)
    try {
      setToken(await devAuth.login(identity.openid))
      emitSessionChanged()
      await Taro.switchTab({ url: HOME })
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setPending(null)
    }
  }

  return (
    <View>
      <View className='tx-card login-intro'>
        <View className='login-title'>同心社区 · 本地演示</View>
        <View className='tx-muted'>选择一位演示居民登录。正式的小程序里，身份来自微信，无需这一步。</View>
      </View>
      <LoadState state={state} onRetry={reload} isEmpty={(list) => list.length === 0} emptyText='没有可用的演示身份'>
        {(identities) => (
          <Cell.Group className='e2e-identities'>
            {identities.map((identity) => (
              <Cell
                key={identity.openid}
                className={`e2e-identity e2e-identity-${identity.openid}`}
                title={identity.name}
                description={identity.label}
                clickable
                extra={pending === identity.openid ? '登录中…' : '登录 ›'}
                onClick={() => choose(identity)}
              />
            ))}
          </Cell.Group>
        )}
      </LoadState>
      <Toast id={TOAST_ID} />
    </View>
  )
}

function WeappNotice() {
  return (
    <View className='tx-card login-intro'>
      <View className='login-title'>无需登录</View>
      <View className='tx-muted'>小程序使用您的微信身份，打开即可使用。</View>
      <Button className='login-home' type='primary' block onClick={() => Taro.switchTab({ url: HOME })}>
        返回首页
      </Button>
    </View>
  )
}
