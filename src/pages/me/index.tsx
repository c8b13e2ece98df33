import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Cell, Input, Picker, Switch, Tag, Toast } from '@nutui/nutui-react-taro'
import { useMemo, useState } from 'react'
import { api, type DistrictTree, type Me, type MeUser } from '@/api'
import { emitSessionChanged } from '@/api/session'
import { LOGIN_PAGE } from '@/api/transport'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { roleLabels } from '@/constants/labels'
import { useAsync } from '@/hooks/use-async'
import { useLargeText } from '@/hooks/use-large-text'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { toApiError } from '@/utils/errors'
import './index.scss'

const TOAST_ID = 'me-toast'
const isH5 = process.env.TARO_ENV === 'h5'

export default function MePage() {
  const { state, reload } = useAsync(() => api.users.me(), [])
  useReloadTriggers(reload)

  return (
    <PageShell className='me'>
      <LoadState state={state} onRetry={reload} rows={4}>
        {(me) => (me.user ? <Profile me={me} user={me.user} /> : <RegisterForm />)}
      </LoadState>
      <Settings />
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}

function Profile({ me, user }: { me: Me; user: MeUser }) {
  return (
    <View className='e2e-me-profile'>
      <View className='me-header'>
        <View className='me-avatar'>{Array.from(user.name)[0]}</View>
        <View>
          <View className='me-name e2e-me-name'>{user.name}</View>
          <View className='me-community'>{me.community ? `${me.community.districtName} · ${me.community.name}` : ''}</View>
        </View>
      </View>
      <Cell.Group title='个人信息'>
        {/* The user's own phone: `me` returns it to them alone, so it is shown here and nowhere public. */}
        <Cell title='手机号' extra={user.phone} />
        <Cell title='所在社区' extra={me.community?.name ?? '—'} />
        <Cell title='楼栋' extra={user.building || '未填写'} />
      </Cell.Group>
      <Cell.Group title='我的身份'>
        <Cell
          className='e2e-me-roles'
          title={
            <View className='me-roles'>
              <Tag type='default'>居民</Tag>
              {me.roles.map((r) => (
                <Tag key={`${r.role}:${r.scopeId}`} type='primary' plain className={`e2e-role-${r.role}`}>
                  {roleLabels[r.role]}
                  {r.scopeName ? ` · ${r.scopeName}` : ''}
                </Tag>
              ))}
            </View>
          }
        />
      </Cell.Group>
    </View>
  )
}

type CommunityChoice = { id: string; name: string }

/** One cascade column set (街道 → 社区), the shape NutUI's Picker wants: a list holding the tree. */
const toPickerOptions = (districts: DistrictTree) => [
  districts.map((d) => ({
    label: d.name,
    value: d.id,
    children: d.communities.map((c) => ({ label: c.name, value: c.id })),
  })),
]

/** Both columns show from the start only when a value is preselected. */
const firstChoice = (districts: DistrictTree): string[] => {
  const district = districts.find((d) => d.communities.length > 0)
  return district ? [district.id, district.communities[0].id] : []
}

function RegisterForm() {
  const directory = useAsync(() => api.communities.list(), [])
  const districts = directory.state.status === 'ready' ? directory.state.data.districts : null
  // Memoised: the Picker resets its columns whenever the options array changes identity.
  const pickerOptions = useMemo(() => (districts ? toPickerOptions(districts) : null), [districts])
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const [building, setBuilding] = useState('')
  const [community, setCommunity] = useState<CommunityChoice | null>(null)
  const [pickerOpen, setPickerOpen] = useState(false)
  const [submitting, setSubmitting] = useState(false)

  const submit = async () => {
    const missing = !name.trim() ? '请填写姓名' : !phone.trim() ? '请填写手机号' : !community ? '请选择所在社区' : null
    if (missing || !community) {
      Toast.show(TOAST_ID, { content: missing ?? '请选择所在社区', icon: 'warn' })
      return
    }
    setSubmitting(true)
    try {
      await api.users.register({ name: name.trim(), phone: phone.trim(), communityId: community.id, building: building.trim() })
      Toast.show(TOAST_ID, { content: '注册成功', icon: 'success' })
      emitSessionChanged()
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <View className='me-register e2e-register-form'>
      <View className='tx-card'>
        <View className='me-register-title'>完成注册</View>
        <View className='tx-muted'>手机号只有社区工作人员能看到，用于活动和心愿联系。</View>
      </View>
      <Cell.Group>
        <Cell title='姓名'>
          <Input className='e2e-register-name' value={name} onChange={setName} placeholder='请输入真实姓名' maxLength={20} />
        </Cell>
        <Cell title='手机号'>
          <Input className='e2e-register-phone' type='tel' value={phone} onChange={setPhone} placeholder='11 位手机号' maxLength={11} />
        </Cell>
        <Cell
          className='e2e-register-community'
          title='所在社区'
          clickable
          extra={community?.name ?? (directory.state.status === 'loading' ? '加载中…' : '请选择')}
          onClick={() => {
            if (directory.state.status === 'ready') setPickerOpen(true)
            else if (directory.state.status === 'error') directory.reload()
          }}
        />
        <Cell title='楼栋'>
          <Input className='e2e-register-building' value={building} onChange={setBuilding} placeholder='如 3 号楼 2 单元（选填）' maxLength={40} />
        </Cell>
      </Cell.Group>
      {directory.state.status === 'error' ? (
        <View className='tx-card tx-muted e2e-error-message'>社区列表加载失败：{directory.state.error.message}（点“所在社区”重试）</View>
      ) : null}
      <View className='me-actions'>
        <Button className='e2e-register-submit' type='primary' block loading={submitting} disabled={submitting} onClick={submit}>
          注册
        </Button>
      </View>
      {districts && pickerOptions ? (
        <Picker
          title='选择所在社区'
          visible={pickerOpen}
          options={pickerOptions}
          defaultValue={firstChoice(districts)}
          onClose={() => setPickerOpen(false)}
          onConfirm={(selected) => {
            const picked = selected[selected.length - 1]
            if (picked) setCommunity({ id: String(picked.value), name: String(picked.label) })
          }}
        />
      ) : null}
    </View>
  )
}

function Settings() {
  const [large, setLarge] = useLargeText()
  return (
    <Cell.Group title='设置'>
      <Cell
        title='大字模式'
        description='放大全部页面的文字，方便老年朋友阅读'
        extra={<Switch className='e2e-large-text-switch' checked={large} onChange={setLarge} />}
      />
      {isH5 ? (
        <Cell
          className='e2e-switch-identity'
          title='切换身份'
          description='本地演示：换一个演示账号登录'
          clickable
          onClick={() => Taro.navigateTo({ url: LOGIN_PAGE })}
        />
      ) : null}
    </Cell.Group>
  )
}
