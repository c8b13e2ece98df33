import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { ReactNode } from 'react'
import { api } from '@/api'
import LoadState from '@/components/load-state'
import { useAsync } from '@/hooks/use-async'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { routes } from '@/utils/routes'
import './index.scss'

const intros = {
  activities: {
    title: '社区活动',
    text: '这里是社区的志愿服务、主题党日和文体活动。注册并选择所在社区后，就能看到本社区的活动；党员和志愿者可以报名、签到，积累志愿服务时长和积分。',
  },
  wishes: {
    title: '微心愿 · 心愿墙',
    text: '社区里困难群众的小心愿，由党员和共建单位认领圆梦。注册并选择所在社区后，可以浏览本社区的心愿墙，也可以发布自己的心愿。',
  },
} as const

/**
 * A tab that lists one community's records needs to know the community.
 * Before registering, a newcomer sees what the tab is for and the way to
 * registration — not "加载失败 / 请先选择社区 / 重试", which no retry can fix.
 */
export default function NewcomerGate({ tab, children }: { tab: keyof typeof intros; children: () => ReactNode }) {
  const { state, reload } = useAsync(() => api.users.me(), [])
  useReloadTriggers(reload)
  return (
    <LoadState state={state} onRetry={reload} rows={4}>
      {(me) =>
        me.user ? (
          children()
        ) : (
          <View className='tx-card tx-newcomer e2e-newcomer'>
            <View className='tx-newcomer-title'>{intros[tab].title}</View>
            <View className='tx-newcomer-text'>{intros[tab].text}</View>
            <Button className='e2e-newcomer-register' type='primary' block onClick={() => Taro.switchTab({ url: routes.me })}>
              去注册
            </Button>
          </View>
        )
      }
    </LoadState>
  )
}
