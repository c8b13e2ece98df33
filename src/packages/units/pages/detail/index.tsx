import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Cell, Tag, Toast } from '@nutui/nutui-react-taro'
import { api, type Me } from '@/api'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { colors } from '@/constants/theme'
import { useAsync } from '@/hooks/use-async'
import { useParam } from '@/hooks/use-param'
import { useShare } from '@/hooks/use-share'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { formatDate } from '@/utils/format'
import { routes } from '@/utils/routes'
import CommitmentList from '../../components/commitment-list'
import { RESOURCE_TOAST, ResourceList } from '../../components/resources'
import { agreementStatusLabels, type UnitDetail } from '../../labels'
import './index.scss'
import { PhoneLink } from '@/components/contact'

/**
 * A co-building unit: who it is and which communities it has signed with.
 * The contact appears only when the server sends it (staff of a paired
 * community, the unit's own liaisons).
 */
export default function UnitDetailPage() {
  const unitId = useParam('id')
  const { state, reload } = useAsync(async () => {
    // Who the caller is only decides which buttons to offer; a visitor without a session sees the public page.
    const [unit, me] = await Promise.all([api.units.detail({ unitId }), api.users.me().catch(() => null)])
    return { unit, me }
  }, [unitId])
  useReloadTriggers(reload)
  useShare({ title: state.status === 'ready' ? `共建单位：${state.data.unit.name}` : null, path: '/packages/units/pages/detail/index', query: `id=${encodeURIComponent(unitId)}` })
  return (
    <PageShell name='unit-detail'>
      <LoadState state={state} onRetry={reload} rows={4}>
        {({ unit, me }) => <Detail unit={unit} me={me} />}
      </LoadState>
      <Toast id={RESOURCE_TOAST} />
    </PageShell>
  )
}

/** Staff of a community (a district admin may act in any of theirs; the server checks which). */
const isStaffOf = (me: Me | null, communityId: string) =>
  me?.roles.some((r) => (r.role === 'staff' && r.scopeId === communityId) || r.role === 'district_admin') ?? false

function Detail({ unit, me }: { unit: UnitDetail; me: Me | null }) {
  const { contact } = unit
  const isLiaison = me?.roles.some((r) => r.role === 'liaison' && r.scopeId === unit.id) ?? false
  const active = unit.agreements.filter((agreement) => agreement.status === 'active')
  // Staff ask for a resource on behalf of their own community, which must be actively paired.
  const requestFor = isLiaison ? null : (active.find((a) => isStaffOf(me, a.communityId))?.communityId ?? null)
  // A liaison proposes to the first community the unit serves; staff to their own community.
  const proposeTo = unit.status !== 'active' ? null : isLiaison ? (active[0]?.communityId ?? null) : (active.find((a) => isStaffOf(me, a.communityId))?.communityId ?? null)
  return (
    <View>
      <View className='unit-banner'>
        <View className='unit-name e2e-unit-name'>{unit.name}</View>
        <View className='unit-sub'>
          {unit.kind} · {unit.partyOrg}
        </View>
        {unit.status !== 'active' ? <View className='unit-sub e2e-unit-suspended'>该单位已暂停共建</View> : null}
      </View>
      <Cell.Group title='单位信息'>
        <Cell title='党组织' extra={unit.partyOrg} />
        <Cell title='地址' description={unit.address} />
        {contact ? (
          <Cell className='e2e-unit-contact' title={`联系人 ${contact.name}`} extra={<PhoneLink phone={contact.phone} />} />
        ) : null}
      </Cell.Group>
      <Cell.Group title='共建协议' className='e2e-unit-agreements'>
        {unit.agreements.length === 0 ? <Cell title='暂无结对社区' /> : null}
        {unit.agreements.map((agreement) => (
          <Cell
            key={agreement.communityId}
            className={`e2e-unit-agreement e2e-unit-agreement-${agreement.communityId}`}
            title={agreement.communityName || agreement.communityId}
            description={`${formatDate(agreement.signedAt)} 签订`}
            extra={
              <Tag className='tx-tag' plain background={agreement.status === 'active' ? colors.primary : colors.muted}>
                {agreementStatusLabels[agreement.status]}
              </Tag>
            }
          />
        ))}
      </Cell.Group>
      <View className='e2e-unit-resources'>
        <View className='tx-section-title'>
          <View>资源清单</View>
          {isLiaison ? (
            <View className='tx-section-more e2e-unit-workspace' onClick={() => Taro.navigateTo({ url: routes.unitWorkspace(unit.id) })}>
              发布资源 ›
            </View>
          ) : null}
        </View>
        {unit.resources.length === 0 ? (
          <Cell.Group>
            <Cell title='暂未公布可共享的资源' />
          </Cell.Group>
        ) : (
          <Cell.Group>
            <ResourceList resources={unit.resources} requestFor={requestFor} />
          </Cell.Group>
        )}
      </View>
      <CommitmentList
        unitId={unit.id}
        firstPage={unit.commitments}
        proposeTo={proposeTo}
        rolesFor={(commitment) => ({
          isLiaison,
          isStaff: isStaffOf(me, commitment.communityId),
          // 评议 once: the server says whether (and how) the caller already rated.
          isResident: me?.user?.communityId === commitment.communityId && commitment.myRating === null,
        })}
      />
    </View>
  )
}
