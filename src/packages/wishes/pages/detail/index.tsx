import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Popup, Rate, Tag, TextArea, Toast } from '@nutui/nutui-react-taro'
import { useState, type ReactNode } from 'react'
import { api, type WishDetail } from '@/api'
import ActionConfirm, { type PendingConfirmation } from '@/components/confirm-sheet'
import RatingField, { RATING_START } from '@/components/rating-field'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { claimStatusLabels, wishAnyStatusLabels } from '@/constants/labels'
import { colors } from '@/constants/theme'
import { useAsync } from '@/hooks/use-async'
import { useParam } from '@/hooks/use-param'
import { useShare } from '@/hooks/use-share'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { useReturns } from '@/hooks/use-shown'
import { toApiError } from '@/utils/errors'
import { formatDate, formatDateTime } from '@/utils/format'
import { routes } from '@/utils/routes'
import { PhotoGrid, PhotoPicker } from '@/components/photos'
import ReasonSheet from '../../components/reason-sheet'
import { offeredActions, type Roles, type WishAction } from './actions'
import './index.scss'
import { PhoneLink } from '@/components/contact'

const TOAST_ID = 'wish-toast'

export default function WishDetailPage() {
  const wishId = useParam('id')
  const returns = useReturns()
  const { state, reload } = useAsync(async () => {
    const [wish, me] = await Promise.all([api.wishes.detail({ wishId }), api.users.me()])
    // The server decides who may claim; these only decide which buttons to offer.
    const has = (role: string) => me.roles.some((r) => r.role === role && r.scopeId === wish.communityId)
    const holds = (role: string) => me.roles.some((r) => r.role === role)
    // A liaison grant is scoped to the unit, not the community; the server's canClaim says whether the
    // unit has signed with this one, and refuses a unit claim with its own message when it has not.
    return { wish, roles: { isMember: has('member'), isLiaison: holds('liaison'), isStaff: has('staff') || holds('district_admin') } }
  }, [wishId, returns])
  useReloadTriggers(reload)
  useShare({ title: state.status === 'ready' ? `微心愿：${state.data.wish.title}` : null, path: '/packages/wishes/pages/detail/index', query: `id=${encodeURIComponent(wishId)}` })

  return (
    <PageShell name='wish-detail'>
      <LoadState state={state} onRetry={reload} rows={8}>
        {({ wish, roles }) => <Detail wish={wish} roles={roles} onChanged={reload} />}
      </LoadState>
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}

function Detail({ wish, roles, onChanged }: { wish: WishDetail; roles: Roles; onChanged: () => void }) {
  return (
    <View>
      <View className='wish-banner'>
        <View className='wish-chips'>
          <View className='wish-chip'>{wish.category}</View>
          <View className='wish-chip e2e-wish-status'>{wishAnyStatusLabels[wish.status]}</View>
        </View>
        <View className='wish-detail-title e2e-wish-title'>{wish.title}</View>
        <View className='wish-banner-meta'>
          <View className='e2e-wish-detail-wisher'>心愿人 {wish.wisherMasked}</View>
          <View>{formatDate(wish.createdAt)} 发布</View>
        </View>
      </View>
      <View className='tx-card wish-story e2e-wish-story'>
        <View>{wish.story}</View>
        {wish.wishedBy ? <View className='tx-muted wish-hint'>希望在 {wish.wishedBy} 前实现</View> : null}
        <PhotoGrid photos={wish.photos} />
      </View>
      {wish.claimer ? (
        <Section title='认领' className='e2e-wish-claimer'>
          <Row label={wish.claimer.type === 'unit' ? '认领单位' : '认领人'} value={wish.claimer.name} />
          {wish.dueAt && wish.status === 'claimed' ? <Row label='完成期限' value={formatDate(wish.dueAt)} /> : null}
        </Section>
      ) : null}
      {wish.contact ? (
        <Section title='联系方式（仅认领人和工作人员可见）' className='e2e-wish-contact'>
          <Row label='姓名' value={wish.contact.name} className='e2e-contact-name' />
          <Row label='电话' value={wish.contact.phone ? <PhoneLink phone={wish.contact.phone} /> : '无电话，请联系社区'} className='e2e-contact-phone' />
          <Row label='地址' value={wish.contact.address} className='e2e-contact-address' />
        </Section>
      ) : null}
      {wish.fulfilment ? (
        <Section title='圆梦记录' className='e2e-wish-fulfilment'>
          <View className='wish-text'>{wish.fulfilment.note}</View>
          <View className='tx-muted wish-hint'>{formatDateTime(wish.fulfilment.at)}</View>
          <PhotoGrid photos={wish.fulfilment.photos} />
        </Section>
      ) : null}
      {wish.confirmation ? (
        <Section title='心愿人反馈' className='e2e-wish-confirmation'>
          {wish.confirmation.rating ? <Rate className='e2e-confirm-rating' value={wish.confirmation.rating} readOnly /> : null}
          {wish.confirmation.comment ? <View className='wish-text'>{wish.confirmation.comment}</View> : null}
          {wish.confirmation.story ? (
            <View className='wish-micro-story e2e-wish-micro-story'>
              <View className='wish-micro-story-title'>微故事</View>
              <View>{wish.confirmation.story}</View>
            </View>
          ) : null}
        </Section>
      ) : null}
      {wish.rejectReason && wish.status === 'rejected' ? (
        <Section title='未通过审核' className='e2e-wish-reject-reason'>
          <View className='wish-text'>{wish.rejectReason}</View>
        </Section>
      ) : null}
      <Actions wish={wish} roles={roles} onChanged={onChanged} />
      {wish.history ? <History history={wish.history} /> : null}
    </View>
  )
}

type Sheet = null | 'release' | 'fulfil' | 'confirm' | 'withdraw' | 'reject'

/** The buttons the server's `mine` flags allow; every call is checked again there. */
function Actions({ wish, roles, onChanged }: { wish: WishDetail; roles: Roles; onChanged: () => void }) {
  const { isMember, isLiaison } = roles
  const [busy, setBusy] = useState(false)
  const [sheet, setSheet] = useState<Sheet>(null)
  const { mine } = wish
  const run = async (call: () => Promise<unknown>, done: string): Promise<boolean> => {
    if (busy) return false
    setBusy(true)
    try {
      await call()
      Toast.show(TOAST_ID, { content: done, icon: 'success' })
      setSheet(null)
      onChanged()
      return true
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
      return false
    } finally {
      setBusy(false)
    }
  }
  const wishId = wish.id
  const claim = (asUnit: boolean) => run(() => api.wishes.claim({ wishId, ...(asUnit ? { asUnit } : {}) }), '认领成功，请联系心愿人')
  // Claiming is a promise to a neighbour: say so before the one tap makes it.
  const [pending, setPending] = useState<PendingConfirmation | null>(null)
  const askClaim = (asUnit: boolean) =>
    setPending({
      title: asUnit ? '以单位认领心愿' : '认领心愿',
      text: `认领「${wish.title}」后，${asUnit ? '单位联络员' : '你'}将看到心愿人的联系方式，请在期限内联系并完成心愿；一个心愿只能由一方认领，到期未完成会回到心愿墙。`,
      confirmText: '确认认领',
      run: () => void claim(asUnit),
    })

  const offered = offeredActions(wish, roles)
  const buttons: Record<WishAction, ReactNode> = {
    claim: (
      <Button key='claim' className='e2e-wish-claim' type='primary' block loading={busy} disabled={busy} onClick={() => askClaim(false)}>
        我来认领
      </Button>
    ),
    claimAsUnit: (
      <Button key='claim-unit' className='e2e-wish-claim-unit' type='primary' fill={isMember ? 'outline' : 'solid'} block disabled={busy} onClick={() => askClaim(true)}>
        以单位认领
      </Button>
    ),
    fulfil: (
      <Button key='fulfil' className='e2e-wish-fulfil' type='primary' block disabled={busy} onClick={() => setSheet('fulfil')}>
        完成心愿
      </Button>
    ),
    confirm: (
      <Button key='confirm' className='e2e-wish-confirm' type='primary' block disabled={busy} onClick={() => setSheet('confirm')}>
        确认收到
      </Button>
    ),
    release: (
      <Button key='release' className='e2e-wish-release' fill='outline' block disabled={busy} onClick={() => setSheet('release')}>
        放弃认领
      </Button>
    ),
    edit: (
      <Button key='edit' className='e2e-wish-edit' fill='outline' block onClick={() => Taro.navigateTo({ url: routes.wishEdit(wishId) })}>
        修改心愿
      </Button>
    ),
    approve: (
      <Button key='approve' className='e2e-wish-approve' type='primary' block loading={busy} disabled={busy} onClick={() => run(() => api.wishes.review({ wishId, decision: 'approve' }), '已通过，心愿上墙')}>
        审核通过
      </Button>
    ),
    reject: (
      <Button key='reject' className='e2e-wish-reject' fill='outline' block disabled={busy} onClick={() => setSheet('reject')}>
        退回
      </Button>
    ),
    withdraw: (
      <Button key='withdraw' className='e2e-wish-withdraw' fill='outline' block disabled={busy} onClick={() => setSheet('withdraw')}>
        撤回心愿
      </Button>
    ),
  }

  return (
    <View className='wish-actions'>
      {offered.map((action) => buttons[action])}
      {mine.isClaimer && wish.status === 'claimed' ? <View className='tx-muted wish-hint'>请在期限内联系心愿人并完成心愿；完成后点“完成心愿”，上传照片留念。</View> : null}
      {mine.isWisher && wish.status === 'pending' ? <View className='tx-muted wish-hint e2e-wish-pending'>心愿正在等待社区审核，通过后会出现在心愿墙上。</View> : null}
      {mine.isClaimer && wish.status === 'fulfilled' ? <View className='tx-muted wish-hint e2e-wish-awaiting-confirm'>已标记完成，等待心愿人确认；确认后记入积分。</View> : null}
      {!isMember && !isLiaison && wish.status === 'open' && !mine.isWisher ? (
        <View className='tx-muted wish-hint e2e-wish-members-only'>党员、志愿者和共建单位可以认领心愿；想出一份力请联系社区工作人员。</View>
      ) : null}
      {sheet === 'withdraw' ? (
        <ReasonSheet
          toastId={TOAST_ID}
          name='withdraw'
          title='撤回心愿'
          hint='撤回后心愿不再显示在心愿墙上，也不能再认领。'
          placeholder='原因（选填）'
          minLength={0}
          missing=''
          submitText='确认撤回'
          busy={busy}
          onClose={() => setSheet(null)}
          onSubmit={(reason) => run(() => api.wishes.withdraw({ wishId, ...(reason ? { reason } : {}) }), '心愿已撤回')}
        />
      ) : null}
      {sheet === 'release' ? (
        <ReasonSheet
          toastId={TOAST_ID}
          name='release'
          title='放弃认领'
          hint='放弃后心愿回到心愿墙，由其他人认领。原因会告知心愿人和社区。'
          placeholder='原因，如：临时出差无法按期完成'
          minLength={2}
          missing='请写明放弃的原因（至少 2 个字）'
          submitText='确认放弃'
          busy={busy}
          onClose={() => setSheet(null)}
          onSubmit={(reason) => run(() => api.wishes.release({ wishId, reason }), '已放弃认领，心愿回到心愿墙')}
        />
      ) : null}
      {sheet === 'reject' ? (
        <ReasonSheet
          toastId={TOAST_ID}
          name='reject'
          title='退回心愿'
          hint='心愿人会看到退回原因，修改后可以重新提交。'
          placeholder='原因，如：请补充具体需要的物品'
          minLength={2}
          missing='请写明退回原因（至少 2 个字）'
          submitText='确认退回'
          busy={busy}
          onClose={() => setSheet(null)}
          onSubmit={(reason) => run(() => api.wishes.review({ wishId, decision: 'reject', reason }), '已退回，心愿人会看到原因')}
        />
      ) : null}
      {sheet === 'fulfil' ? (
        <FulfilSheet busy={busy} onClose={() => setSheet(null)} onSubmit={(note, photos) => run(() => api.wishes.fulfil({ wishId, note, photos }), '已标记完成，等待心愿人确认')} />
      ) : null}
      <ActionConfirm pending={pending} onClose={() => setPending(null)} />
      {sheet === 'confirm' ? (
        <ConfirmSheet busy={busy} onClose={() => setSheet(null)} onSubmit={(input) => run(() => api.wishes.confirm({ wishId, ...input }), '已确认，谢谢反馈')} />
      ) : null}
    </View>
  )
}

function FulfilSheet({ busy, onClose, onSubmit }: { busy: boolean; onClose: () => void; onSubmit: (note: string, photos: string[]) => void }) {
  const [note, setNote] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [uploading, setUploading] = useState(false)
  const submit = () => {
    if (uploading) return Toast.show(TOAST_ID, { content: '照片还在上传，请稍候', icon: 'warn' })
    if (note.trim() === '') return Toast.show(TOAST_ID, { content: '请写几句完成情况', icon: 'warn' })
    onSubmit(note.trim(), photos)
  }
  return (
    <Popup visible position='bottom' round closeable title='完成心愿' onClose={onClose}>
      <View className='wish-sheet e2e-fulfil-sheet'>
        <TextArea className='e2e-fulfil-note' value={note} onChange={setNote} placeholder='完成情况，如：台灯已修好，老人很满意' maxLength={500} showCount />
        <PhotoPicker className='e2e-fulfil-photos' value={photos} onChange={setPhotos} onBusy={setUploading} onError={(message) => Toast.show(TOAST_ID, { content: message, icon: 'fail' })} />
        <Button className='wish-sheet-submit e2e-fulfil-submit' type='primary' block loading={busy} disabled={busy || uploading} onClick={submit}>
          提交
        </Button>
      </View>
    </Popup>
  )
}

interface ConfirmInput {
  rating?: number
  comment?: string
  story?: string
}

function ConfirmSheet({ busy, onClose, onSubmit }: { busy: boolean; onClose: () => void; onSubmit: (input: ConfirmInput) => void }) {
  const [rating, setRating] = useState(RATING_START)
  const [comment, setComment] = useState('')
  const [story, setStory] = useState('')
  const submit = () =>
    onSubmit({
      ...(rating > 0 ? { rating } : {}),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
      ...(story.trim() ? { story: story.trim() } : {}),
    })
  return (
    <Popup visible position='bottom' round closeable title='确认收到' onClose={onClose}>
      <View className='wish-sheet e2e-confirm-sheet'>
        <RatingField label='满意度（选填）' className='e2e-confirm-rate' value={rating} onChange={setRating} />
        <TextArea className='e2e-confirm-comment' value={comment} onChange={setComment} placeholder='评价（选填）' maxLength={200} showCount />
        <View className='wish-sheet-label'>微故事（选填，会展示在心愿墙上）</View>
        <TextArea className='e2e-confirm-story' value={story} onChange={setStory} placeholder='说说心愿实现的故事，向帮助你的人道声谢' maxLength={500} showCount />
        <Button className='wish-sheet-submit e2e-confirm-submit' type='primary' block loading={busy} disabled={busy} onClick={submit}>
          确认收到
        </Button>
      </View>
    </Popup>
  )
}

function History({ history }: { history: NonNullable<WishDetail['history']> }) {
  return (
    <Section title='认领记录（仅心愿人和工作人员可见）' className='e2e-wish-history'>
      {history.length === 0 ? <View className='tx-muted'>还没有人认领</View> : null}
      {history.map((claim) => (
        <View key={claim.id} className='wish-history-row e2e-wish-history-row'>
          <View className='wish-history-head'>
            <View>{claim.claimerName}</View>
            <Tag className='tx-tag' plain background={claim.status === 'active' ? colors.primary : colors.muted}>
              {claimStatusLabels[claim.status]}
            </Tag>
          </View>
          <View className='tx-muted'>
            {formatDateTime(claim.createdAt)} 认领{claim.closedAt ? ` · ${formatDateTime(claim.closedAt)} 结束` : ` · 期限 ${formatDate(claim.dueAt)}`}
          </View>
          {claim.releaseReason ? <View className='tx-muted'>原因：{claim.releaseReason}</View> : null}
        </View>
      ))}
    </Section>
  )
}

function Section({ title, className, children }: { title: string; className?: string; children: ReactNode }) {
  return (
    <View className={`tx-card wish-section ${className ?? ''}`}>
      <View className='wish-section-title'>{title}</View>
      {children}
    </View>
  )
}

/** A label and its value; the value wraps under itself, never into the label (large-text mode). */
function Row({ label, value, className }: { label: string; value: ReactNode; className?: string }) {
  return (
    <View className={`wish-row ${className ?? ''}`}>
      <View className='wish-row-label'>{label}</View>
      <View className='wish-row-value'>{value}</View>
    </View>
  )
}
