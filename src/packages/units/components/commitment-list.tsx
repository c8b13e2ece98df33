import { View } from '@tarojs/components'
import { Button, Input, Popup, Tag, TextArea, Toast } from '@nutui/nutui-react-taro'
import { useRef, useState } from 'react'
import { api } from '@/api'
import RatingField, { RATING_START } from '@/components/rating-field'
import DayPicker from '@/components/day-picker'
import PagedList from '@/components/paged-list'
import { PhotoGrid, PhotoPicker } from '@/components/photos'
import { usePagedList } from '@/hooks/use-paged-list'
import type { Page } from '../../../../cloudfunctions/lib/shared/schemas'
import { toApiError } from '@/utils/errors'
import { formatDate } from '@/utils/format'
import { commitmentActions, commitmentStatusColors, commitmentStatusLabels, defaultDeadline, type Commitment, type CommitmentAction, type UnitRoles } from '../commitments'
import './commitment-list.scss'

const TOAST_ID = 'commitment-toast'
/** The unit page's first page is 20 (`units.detail`); later pages continue at the same size so none is skipped. */
const PAGE_SIZE = 20
const DAY = 24 * 3600 * 1000

const actionText: Record<CommitmentAction, string> = {
  agree: '确认承诺',
  progress: '记录进展',
  complete: '完成并提交佐证',
  verify: '验收',
  withdraw: '撤回',
  rate: '评议',
}

/** The moves that need words (and photos) first; agree and verify are one tap. */
type Written = Extract<CommitmentAction, 'progress' | 'complete' | 'withdraw' | 'rate'>

interface Props {
  unitId: string
  /** The first page as the unit's page already carries it (`units.detail`), so opening the page reads it once. */
  firstPage?: Page<Commitment>
  /** The community a new commitment is made to; null when the caller may not propose. */
  proposeTo: string | null
  rolesFor: (commitment: Commitment) => UnitRoles
}

/**
 * A unit's 承诺事项 with their states. The server decides what a caller sees
 * (the public: verified ones only); the buttons follow `commitmentActions`.
 */
export default function CommitmentList({ unitId, firstPage, proposeTo, rolesFor }: Props) {
  // Used once: a reload after an action reads the server again.
  const seed = useRef(firstPage)
  const list = usePagedList((page) => {
    const first = page === 1 ? seed.current : undefined
    seed.current = undefined
    // The server shows staff every state of what the unit promised their communities, and a liaison all of the unit's.
    return first ? Promise.resolve(first) : api.units.commitments({ unitId, page, pageSize: PAGE_SIZE })
  }, [unitId])
  const [writing, setWriting] = useState<{ commitment: Commitment; action: Written } | null>(null)
  const [note, setNote] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [uploading, setUploading] = useState(false)
  const [busy, setBusy] = useState(false)
  const [proposing, setProposing] = useState(false)
  const [score, setScore] = useState(RATING_START)

  const fail = (error: unknown) => Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })

  const act = async (commitment: Commitment, action: CommitmentAction) => {
    if (action === 'progress' || action === 'complete' || action === 'withdraw' || action === 'rate') {
      setNote('')
      setPhotos([])
      setScore(RATING_START)
      setWriting({ commitment, action })
      return
    }
    setBusy(true)
    try {
      const commitmentId = commitment.id
      await (action === 'agree' ? api.units.agreeCommitment({ commitmentId }) : api.units.verifyCommitment({ commitmentId }))
      Toast.show(TOAST_ID, { content: action === 'agree' ? '已确认' : '已验收', icon: 'success' })
      list.reload()
    } catch (error) {
      fail(error)
    } finally {
      setBusy(false)
    }
  }

  const submitWritten = async () => {
    if (!writing) return
    const text = note.trim()
    if (!text && writing.action !== 'rate') return Toast.show(TOAST_ID, { content: writing.action === 'withdraw' ? '请填写撤回原因' : '请填写说明', icon: 'warn' })
    setBusy(true)
    try {
      const commitmentId = writing.commitment.id
      if (writing.action === 'rate') await api.units.rateCommitment({ commitmentId, score, comment: text })
      else if (writing.action === 'withdraw') await api.units.withdrawCommitment({ commitmentId, reason: text })
      else if (writing.action === 'progress') await api.units.progressCommitment({ commitmentId, note: text, photos })
      else await api.units.completeCommitment({ commitmentId, note: text, photos })
      setWriting(null)
      Toast.show(TOAST_ID, { content: '已提交', icon: 'success' })
      list.reload()
    } catch (error) {
      fail(error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='e2e-commitments'>
      <View className='tx-section-title'>
        <View>承诺事项</View>
        {proposeTo ? (
          <View className='tx-section-more e2e-commitment-propose-open' onClick={() => setProposing(true)}>
            ＋ 新增承诺
          </View>
        ) : null}
      </View>
      <PagedList
        list={list}
        emptyText='还没有公示的承诺事项'
        renderItem={(commitment) => (
          <CommitmentCard key={commitment.id} commitment={commitment} actions={commitmentActions(commitment.status, rolesFor(commitment))} busy={busy} onAct={act} />
        )}
      />
      <Popup
        visible={writing !== null}
        position='bottom'
        round
        closeable
        title={writing ? actionText[writing.action] : ''}
        onClose={() => setWriting(null)}
      >
        {writing ? (
          <View className='commitment-sheet e2e-commitment-sheet'>
            <View className='tx-muted'>{writing.commitment.title}</View>
            {writing.action === 'rate' ? <RatingField label='满意度' className='e2e-commitment-score' value={score} onChange={setScore} /> : null}
            <TextArea
              className='e2e-commitment-note'
              value={note}
              onChange={setNote}
              placeholder={writing.action === 'rate' ? '说说您的感受（选填）' : writing.action === 'withdraw' ? '撤回原因（必填）' : writing.action === 'complete' ? '完成情况和佐证说明（必填）' : '这次做了什么（必填）'}
              maxLength={writing.action === 'withdraw' || writing.action === 'rate' ? 200 : 500}
            />
            {writing.action === 'withdraw' || writing.action === 'rate' ? null : (
              <PhotoPicker className='e2e-commitment-photos' value={photos} onChange={setPhotos} onBusy={setUploading} onError={(message) => Toast.show(TOAST_ID, { content: message, icon: 'fail' })} />
            )}
            <Button className='e2e-commitment-submit' type='primary' block loading={busy} disabled={busy || uploading || (writing.action === 'rate' && score === 0)} onClick={submitWritten}>
              {writing.action === 'rate' && score === 0 ? '请先点选星级' : '提交'}
            </Button>
          </View>
        ) : null}
      </Popup>
      {proposeTo ? (
        <ProposeSheet
          visible={proposing}
          unitId={unitId}
          communityId={proposeTo}
          onClose={() => setProposing(false)}
          onDone={() => {
            setProposing(false)
            Toast.show(TOAST_ID, { content: '已提交，等待社区确认', icon: 'success' })
            list.reload()
          }}
          onError={fail}
        />
      ) : null}
      <Toast id={TOAST_ID} />
    </View>
  )
}

function CommitmentCard({ commitment, actions, busy, onAct }: { commitment: Commitment; actions: CommitmentAction[]; busy: boolean; onAct: (c: Commitment, a: CommitmentAction) => void }) {
  const lastProgress = commitment.progress[commitment.progress.length - 1]
  return (
    <View className={`tx-card commitment-card e2e-commitment e2e-commitment-${commitment.id}`}>
      <View className='commitment-head'>
        <View className='commitment-title'>{commitment.title}</View>
        <Tag className='tx-tag e2e-commitment-status' plain background={commitment.overdue ? '#cf1322' : commitmentStatusColors[commitment.status]}>
          {commitment.overdue ? '已逾期' : commitmentStatusLabels[commitment.status]}
        </Tag>
      </View>
      <View className='commitment-meta'>
        {commitment.year} 年 · {commitment.category} · {formatDate(commitment.deadline)} 前完成
      </View>
      <View className='commitment-content'>{commitment.content}</View>
      <View className='commitment-meta'>衡量标准：{commitment.measure}</View>
      {lastProgress ? (
        <View className='commitment-block e2e-commitment-latest'>
          <View className='commitment-meta'>
            最新进展（共 {commitment.progress.length} 条，{formatDate(lastProgress.at)}）
          </View>
          <View>{lastProgress.note}</View>
          {lastProgress.photos.length > 0 ? <PhotoGrid photos={lastProgress.photos} /> : null}
        </View>
      ) : null}
      {commitment.evidence ? (
        <View className='commitment-block e2e-commitment-evidence'>
          <View className='commitment-meta'>完成佐证</View>
          <View>{commitment.evidence.note}</View>
          {commitment.evidence.photos.length > 0 ? <PhotoGrid photos={commitment.evidence.photos} /> : null}
        </View>
      ) : null}
      {commitment.myRating !== null ? <View className='commitment-meta e2e-commitment-my-rating'>我的评议：{'★'.repeat(commitment.myRating)}</View> : null}
      {commitment.status === 'withdrawn' && commitment.withdrawReason ? <View className='commitment-meta'>撤回原因：{commitment.withdrawReason}</View> : null}
      {actions.length > 0 ? (
        <View className='commitment-actions'>
          {actions.map((action) => (
            <Button
              key={action}
              className={`e2e-commitment-${action}`}
              size='small'
              type={action === 'withdraw' ? 'default' : 'primary'}
              fill={action === 'withdraw' ? 'outline' : 'solid'}
              disabled={busy}
              onClick={() => onAct(commitment, action)}
            >
              {actionText[action]}
            </Button>
          ))}
        </View>
      ) : null}
    </View>
  )
}

/** A new commitment for this year: proposed by the unit's liaison (staff may propose on its behalf). */
function ProposeSheet({ visible, unitId, communityId, onClose, onDone, onError }: { visible: boolean; unitId: string; communityId: string; onClose: () => void; onDone: () => void; onError: (error: unknown) => void }) {
  const [form, setForm] = useState({ title: '', content: '', category: '', measure: '', deadline: defaultDeadline(new Date()) })
  const [picking, setPicking] = useState(false)
  const [saving, setSaving] = useState(false)
  const set = (key: keyof typeof form) => (value: string) => setForm((current) => ({ ...current, [key]: value }))

  const submit = async () => {
    const missing = ([['title', '标题'], ['content', '内容'], ['category', '类别'], ['measure', '衡量标准']] as const).find(([key]) => !form[key].trim())
    if (missing) return Toast.show(TOAST_ID, { content: `请填写${missing[1]}`, icon: 'warn' })
    setSaving(true)
    try {
      await api.units.proposeCommitment({
        unitId,
        communityId,
        year: Number(form.deadline.slice(0, 4)),
        title: form.title.trim(),
        content: form.content.trim(),
        category: form.category.trim(),
        measure: form.measure.trim(),
        // End of the chosen day, Beijing time: work done that day is on time.
        deadline: `${form.deadline}T23:59:59+08:00`,
      })
      setForm((current) => ({ ...current, title: '', content: '', measure: '' }))
      onDone()
    } catch (error) {
      onError(error)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Popup visible={visible} position='bottom' round closeable title='新增承诺事项' onClose={onClose}>
      <View className='commitment-sheet e2e-commitment-propose'>
        <Input className='e2e-commitment-title-input' value={form.title} onChange={set('title')} placeholder='标题，如：每月一次法律咨询进社区' maxLength={40} />
        <Input className='e2e-commitment-category-input' value={form.category} onChange={set('category')} placeholder='类别，如：法律服务' maxLength={20} />
        <TextArea className='e2e-commitment-content-input' value={form.content} onChange={set('content')} placeholder='承诺内容' maxLength={1000} />
        <Input className='e2e-commitment-measure-input' value={form.measure} onChange={set('measure')} placeholder='衡量标准，如：全年不少于 12 次' maxLength={200} />
        <View className='commitment-deadline e2e-commitment-deadline' onClick={() => setPicking(true)}>
          完成期限：{form.deadline}
        </View>
        <Button className='e2e-commitment-propose-submit' type='primary' block loading={saving} disabled={saving} onClick={submit}>
          提交承诺
        </Button>
      </View>
      <DayPicker
        title='完成期限'
        visible={picking}
        value={form.deadline}
        min={new Date()}
        max={new Date(Date.now() + 2 * 366 * DAY)}
        onClose={() => setPicking(false)}
        onPick={set('deadline')}
      />
    </Popup>
  )
}
