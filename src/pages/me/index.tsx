import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Cell, Dialog, Input, Popup, Switch, Tag, Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api, type DistrictTree, type Me, type MeUser } from '@/api'
import { emitSessionChanged } from '@/api/session'
import { LOGIN_PAGE } from '@/api/transport'
import LoadState, { EmptyView } from '@/components/load-state'
import FormField from '@/components/form-field'
import PageShell from '@/components/page-shell'
import { roleLabels } from '@/constants/labels'
import { colors } from '@/constants/theme'
import { useAsync } from '@/hooks/use-async'
import { useLargeText } from '@/hooks/use-large-text'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { useReturns } from '@/hooks/use-shown'
import { toApiError } from '@/utils/errors'
import { routes } from '@/utils/routes'
import { linksFor } from './links'
import { phoneAsTyped, registerProblems } from './register-form'
import './index.scss'

const TOAST_ID = 'me-toast'
const isH5 = process.env.TARO_ENV === 'h5'

export default function MePage() {
  const { state, reload } = useAsync(() => api.users.me(), [])
  useReloadTriggers(reload)

  return (
    <PageShell name='me'>
      <ElderMode />
      <LoadState state={state} onRetry={reload} rows={4}>
        {(me) => (me.user ? <Profile me={me} user={me.user} /> : <RegisterForm />)}
      </LoadState>
      <Settings />
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}

function Profile({ me, user }: { me: Me; user: MeUser }) {
  const reportSummary = useReportSummary()
  return (
    <View className='e2e-me-profile'>
      <View className='me-header'>
        <View className='me-avatar'>{Array.from(user.name)[0]}</View>
        <View>
          <View className='me-name e2e-me-name'>{user.name}</View>
          <View className='me-community'>{me.community ? `${me.community.districtName} · ${me.community.name}` : ''}</View>
        </View>
      </View>
      <PointsCard />
      <Cell.Group title='我的服务'>
        {linksFor(me.roles).map((link) => (
          <Cell
            key={link.key}
            className={`e2e-me-link-${link.key}`}
            title={link.title}
            clickable
            extra={link.key === 'member-report' && reportSummary ? <View className='e2e-me-report-summary'>{reportSummary} ›</View> : '›'}
            onClick={() => Taro.navigateTo({ url: link.url })}
          />
        ))}
      </Cell.Group>
      <Cell.Group title='个人信息'>
        {/* The user's own phone: `me` returns it to them alone, so it is shown here and nowhere public. */}
        <Cell title='手机号' extra={user.phone} />
        <Cell title='所在社区' extra={me.community?.name ?? '—'} />
        <Cell title='楼栋' extra={user.building || '未填写'} />
        <VolunteerNo current={user.volunteerNo} />
      </Cell.Group>
      <Cell.Group title='我的身份'>
        <Cell
          className='e2e-me-roles'
          title={
            <View className='me-roles'>
              <Tag className='tx-tag'>居民</Tag>
              {me.roles.map((r) => (
                <Tag key={`${r.role}:${r.scopeId}`} plain background={colors.primary} className={`tx-tag e2e-role-${r.role}`}>
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

/**
 * 志愿者编号: the number the national volunteer system (全国志愿服务信息系统)
 * gave the person; the service record carries it. Filled in by the person.
 */
function VolunteerNo({ current }: { current: string }) {
  const [editing, setEditing] = useState(false)
  const [value, setValue] = useState(current)
  const [saving, setSaving] = useState(false)
  const save = async () => {
    setSaving(true)
    try {
      await api.users.updateProfile({ volunteerNo: value.trim() })
      setEditing(false)
      Toast.show(TOAST_ID, { content: '已保存', icon: 'success' })
      emitSessionChanged()
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setSaving(false)
    }
  }
  return (
    <>
      <Cell className='e2e-me-volunteer-no' title='志愿者编号' clickable extra={current || '未填写 ›'} onClick={() => setEditing(true)} />
      <Dialog
        visible={editing}
        title='志愿者编号'
        content={
          <View>
            <Input className='e2e-volunteer-no-input' value={value} onChange={setValue} placeholder='全国志愿服务信息系统中的编号' maxLength={32} />
            <View className='tx-muted'>会写入您的志愿服务记录；留空则不显示。</View>
          </View>
        }
        confirmText={saving ? '保存中…' : '保存'}
        disableConfirmButton={saving}
        cancelText='取消'
        onConfirm={() => void save()}
        onCancel={() => {
          setValue(current)
          setEditing(false)
        }}
      />
    </>
  )
}

const reportStatusWords = { submitted: '待审核', confirmed: '已报到', returned: '已退回' } as const

/**
 * 在职党员报到 at a glance beside its link: status and activities this year.
 * Only a hint — when it fails the link still opens the page, which shows the error.
 */
function useReportSummary(): string {
  const returns = useReturns()
  const { state } = useAsync(() => api.members.mine(), [returns])
  if (state.status !== 'ready') return ''
  const { report, progress } = state.data
  return `${report ? reportStatusWords[report.status] : '未报到'} · 活动 ${progress.activities.done}/${progress.activities.target}`
}

/** Points in the caller's community and credited hours; reloaded on every return, since redeeming happens elsewhere. */
function PointsCard() {
  const returns = useReturns()
  const { state, reload } = useAsync(() => api.points.balance(), [returns])
  useReloadTriggers(reload)
  if (state.status === 'loading') return <View className='tx-card me-points e2e-points-loading'>积分加载中…</View>
  if (state.status === 'error') {
    return (
      <View className='tx-card me-points-error e2e-points-error' onClick={reload}>
        积分加载失败：{state.error.message}（点此重试）
      </View>
    )
  }
  const balance = state.data
  const figures = [
    { key: 'available', label: '可用积分', value: String(balance.available) },
    { key: 'held', label: '冻结中', value: String(balance.held) },
    { key: 'hours-year', label: '今年时长(小时)', value: hoursFigure(balance.hoursThisYear) },
    { key: 'hours-total', label: '累计时长(小时)', value: hoursFigure(balance.hoursTotal) },
  ]
  return (
    <View className='tx-card me-points e2e-points'>
      {figures.map((figure) => (
        <View key={figure.key} className={`me-figure e2e-points-${figure.key}`} onClick={() => Taro.navigateTo({ url: figure.key.startsWith('hours') ? routes.serviceRecord : routes.pointsHistory })}>
          <View className='me-figure-value'>{figure.value}</View>
          <View className='me-figure-label'>{figure.label}</View>
        </View>
      ))}
    </View>
  )
}

/** The card is narrow: the unit goes in the label, the figure drops trailing zeros. */
const hoursFigure = (hours: number) => String(Number(hours.toFixed(2)))

type CommunityChoice = { id: string; name: string }

function RegisterForm() {
  const directory = useAsync(() => api.communities.list(), [])
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const [building, setBuilding] = useState('')
  const [community, setCommunity] = useState<CommunityChoice | null>(null)
  const [listOpen, setListOpen] = useState(false)
  const [submitting, setSubmitting] = useState(false)

  const showCommunityList = (open: boolean) => {
    setListOpen(open)
    // H5 draws the tab bar over fixed popups, hiding the list's lower rows; the mini-program's native bar sits outside the page.
    if (isH5) void (open ? Taro.hideTabBar({ animation: false }) : Taro.showTabBar({ animation: false }))
  }

  const [tried, setTried] = useState(false)
  const problems = registerProblems({ name, phone, communityId: community?.id ?? '' })
  // Every problem shows beside its field once the person tries to send; the phone is checked as it is typed.
  const shown = tried ? problems : { phone: phoneAsTyped(phone) ?? undefined }

  const submit = async () => {
    setTried(true)
    if (Object.keys(problems).length > 0 || !community) return
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
        <FormField label='姓名' error={shown.name}>
          <Input className='e2e-register-name' aria-label='姓名' value={name} onChange={setName} placeholder='请输入真实姓名' maxLength={20} />
        </FormField>
        <FormField label='手机号' error={shown.phone}>
          <Input className='e2e-register-phone' aria-label='手机号' type='tel' value={phone} onChange={setPhone} placeholder='11 位手机号' maxLength={11} />
        </FormField>
        <Cell
          className='e2e-register-community'
          title='所在社区'
          description={shown.communityId ? <View className='tx-field-error e2e-field-error'>{shown.communityId}</View> : undefined}
          clickable
          extra={community?.name ?? (directory.state.status === 'loading' ? '加载中…' : '请选择')}
          onClick={() => {
            if (directory.state.status === 'ready') showCommunityList(true)
            else if (directory.state.status === 'error') directory.reload()
          }}
        />
        <FormField label='楼栋（选填）'>
          <Input className='e2e-register-building' aria-label='楼栋' value={building} onChange={setBuilding} placeholder='如 3 号楼 2 单元' maxLength={40} />
        </FormField>
      </Cell.Group>
      {directory.state.status === 'error' ? (
        <View className='tx-card tx-muted e2e-register-directory-error'>社区列表加载失败：{directory.state.error.message}（点“所在社区”重试）</View>
      ) : null}
      <View className='me-actions'>
        <Button className='e2e-register-submit' type='primary' block loading={submitting} disabled={submitting} onClick={submit}>
          注册
        </Button>
      </View>
      {directory.state.status === 'ready' ? (
        <Popup visible={listOpen} position='bottom' round closeable title='选择所在社区' onClose={() => showCommunityList(false)}>
          <CommunityList
            districts={directory.state.data.districts}
            selectedId={community?.id ?? null}
            onPick={(picked) => {
              setCommunity(picked)
              showCommunityList(false)
            }}
          />
        </Popup>
      ) : null}
    </View>
  )
}

/**
 * A plain list, grouped by 街道, rather than a scroll wheel: one tap per
 * choice and large targets, which older residents find easier.
 */
function CommunityList({ districts, selectedId, onPick }: { districts: DistrictTree; selectedId: string | null; onPick: (c: CommunityChoice) => void }) {
  if (districts.every((d) => d.communities.length === 0)) return <EmptyView text='还没有可选择的社区' />
  return (
    <View className='me-community-list'>
      {districts
        .filter((d) => d.communities.length > 0)
        .map((d) => (
          <Cell.Group key={d.id} title={d.name}>
            {d.communities.map((c) => (
              <Cell
                key={c.id}
                className={`e2e-community-option e2e-community-option-${c.id}`}
                title={c.name}
                clickable
                extra={c.id === selectedId ? '✓' : ''}
                onClick={() => onPick({ id: c.id, name: c.name })}
              />
            ))}
          </Cell.Group>
        ))}
    </View>
  )
}

/** 长辈版 first on 我的, not below every other row: the people who need it should not have to scroll for it. */
function ElderMode() {
  const [large, setLarge] = useLargeText()
  return (
    <Cell.Group className='me-elder'>
      <Cell
        className='e2e-elder-mode'
        title='长辈版'
        description='字更大、按钮更大，方便长辈使用；跟随微信的字体大小设置'
        extra={<Switch className='e2e-large-text-switch' aria-label='长辈版' checked={large} onChange={setLarge} />}
      />
    </Cell.Group>
  )
}

function Settings() {
  if (!isH5) return null
  return (
    <Cell.Group title='设置'>
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
