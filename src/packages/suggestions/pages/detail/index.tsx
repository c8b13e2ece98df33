import { View } from '@tarojs/components'
import { Button, Dialog, Rate, TextArea, Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api } from '@/api'
import RatingField, { RATING_START } from '@/components/rating-field'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { PhotoGrid, PhotoPicker } from '@/components/photos'
import { useAsync } from '@/hooks/use-async'
import { useParam } from '@/hooks/use-param'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { toApiError } from '@/utils/errors'
import { formatDateTime } from '@/utils/format'
import AssignSheet, { type AssignTo } from '../../components/assign-sheet'
import StatusTag from '../../components/status-tag'
import TextSheet from '../../components/text-sheet'
import { stageOf, stages, stepLabels } from '../../labels'
import type { SuggestionView } from '../../types'
import './index.scss'

const TOAST_ID = 'suggestion-detail-toast'

type Sheet = 'decline' | 'assign' | 'reply' | 'close' | null

/** One suggestion: its three stages, the timeline, replies and result; the submitter withdraws or rates, staff handle it. */
export default function SuggestionDetailPage() {
  const suggestionId = useParam('id')
  const { state, reload } = useAsync(() => api.suggestions.detail({ suggestionId }), [suggestionId])
  useReloadTriggers(reload)
  return (
    <PageShell name='suggestion-detail'>
      <LoadState state={state} onRetry={reload} rows={8}>
        {(view) => <Detail key={view.id} initial={view} />}
      </LoadState>
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}

function Detail({ initial }: { initial: SuggestionView }) {
  const [view, setView] = useState(initial)
  const [sheet, setSheet] = useState<Sheet>(null)
  const [withdrawing, setWithdrawing] = useState(false)
  const [busy, setBusy] = useState(false)
  const [resultPhotos, setResultPhotos] = useState<string[]>([])
  const [uploading, setUploading] = useState(false)

  /** Runs one move; the answer is the suggestion as it now stands. */
  const run = async (move: () => Promise<SuggestionView>, done: string) => {
    if (busy) return
    setBusy(true)
    try {
      setView(await move())
      setSheet(null)
      Toast.show(TOAST_ID, { content: done, icon: 'success' })
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setBusy(false)
    }
  }
  const suggestionId = view.id
  const stage = stageOf(view.status)

  return (
    <View className={`e2e-suggestion e2e-suggestion-${view.status}`}>
      <View className='tx-card'>
        <View className='suggestion-head'>
          <View className='suggestion-title e2e-suggestion-title-text'>{view.title}</View>
          <StatusTag status={view.status} />
        </View>
        <View className='tx-muted suggestion-meta'>
          {view.category} · {formatDateTime(view.createdAt)}
          {view.anonymous ? ' · 对其他居民匿名' : ''}
        </View>
        {view.submitter ? <View className='tx-muted suggestion-meta e2e-suggestion-submitter'>提出人：{view.submitter.name}</View> : null}
        {stage >= 0 ? (
          <View className='suggestion-stages e2e-suggestion-stages'>
            {stages.map((name, index) => (
              <View key={name} className={`suggestion-stage${index <= stage ? ' suggestion-stage-on' : ''}`}>
                <View className='suggestion-stage-dot'>{index + 1}</View>
                <View className='suggestion-stage-name'>{name}</View>
              </View>
            ))}
          </View>
        ) : null}
        <View className='suggestion-content'>{view.content}</View>
        <PhotoGrid photos={view.photos} />
      </View>

      {view.declineReason ? (
        <View className='tx-card suggestion-note e2e-suggestion-decline-reason'>
          <View className='suggestion-section'>不予受理的原因</View>
          {view.declineReason}
        </View>
      ) : null}
      {view.assignee ? (
        <View className='tx-card suggestion-note e2e-suggestion-assignee'>
          承办：{view.assignee.name}
          {view.assignee.kind === 'staff' ? '（社区工作人员）' : ''}
        </View>
      ) : null}
      {view.replies.length > 0 ? (
        <View className='tx-card e2e-suggestion-replies'>
          <View className='suggestion-section'>社区答复</View>
          {view.replies.map((reply, index) => (
            <View key={index} className='suggestion-reply e2e-suggestion-reply'>
              <View>{reply.text}</View>
              <View className='tx-muted'>
                {reply.byName} · {formatDateTime(reply.at)}
              </View>
            </View>
          ))}
        </View>
      ) : null}
      {view.status === 'closed' ? (
        <View className='tx-card e2e-suggestion-result'>
          <View className='suggestion-section'>办结结果</View>
          <View>{view.result}</View>
          <PhotoGrid photos={view.resultPhotos} />
        </View>
      ) : null}
      {view.rating ? (
        <View className='tx-card e2e-suggestion-rating'>
          <View className='suggestion-section'>评价</View>
          <Rate value={view.rating.score} readOnly />
          {view.rating.comment ? <View className='suggestion-rating-comment'>{view.rating.comment}</View> : null}
        </View>
      ) : null}
      {view.mine.canRate ? <RateForm busy={busy} onSubmit={(score, comment) => run(() => api.suggestions.rate({ suggestionId, score, comment }), '感谢你的评价')} /> : null}

      <View className='tx-card e2e-suggestion-timeline'>
        <View className='suggestion-section'>办理进度</View>
        {view.timeline.map((step, index) => (
          <View key={index} className={`suggestion-step e2e-suggestion-step e2e-suggestion-step-${step.action}`}>
            <View className='suggestion-step-dot' />
            <View className='suggestion-step-body'>
              <View className='suggestion-step-title'>
                {stepLabels[step.action]}
                <View className='tx-muted suggestion-step-who'>{step.actorName || (view.mine.isSubmitter ? '我' : '提出人')}</View>
              </View>
              {step.note && step.action !== 'reply' && step.action !== 'close' ? <View className='suggestion-step-note'>{step.note}</View> : null}
              <View className='tx-muted'>{formatDateTime(step.at)}</View>
            </View>
          </View>
        ))}
      </View>

      <View className='suggestion-actions'>
        {view.mine.canWithdraw ? (
          <Button className='e2e-suggestion-withdraw' fill='outline' disabled={busy} onClick={() => setWithdrawing(true)}>
            撤回
          </Button>
        ) : null}
        {view.mine.canDecline ? (
          <Button className='e2e-suggestion-decline' fill='outline' disabled={busy} onClick={() => setSheet('decline')}>
            不予受理
          </Button>
        ) : null}
        {view.mine.canAccept ? (
          <Button className='e2e-suggestion-accept' type='primary' loading={busy} disabled={busy} onClick={() => run(() => api.suggestions.accept({ suggestionId }), '已受理')}>
            受理
          </Button>
        ) : null}
        {view.mine.canAssign ? (
          <Button className='e2e-suggestion-assign' fill='outline' disabled={busy} onClick={() => setSheet('assign')}>
            交办
          </Button>
        ) : null}
        {view.mine.canReply ? (
          <Button className='e2e-suggestion-reply-open' fill='outline' disabled={busy} onClick={() => setSheet('reply')}>
            答复
          </Button>
        ) : null}
        {view.mine.canClose ? (
          <Button className='e2e-suggestion-close-open' type='primary' disabled={busy} onClick={() => setSheet('close')}>
            办结
          </Button>
        ) : null}
      </View>

      {sheet === 'decline' ? (
        <TextSheet
          toastId={TOAST_ID}
          name='decline'
          title='不予受理'
          hint='提出人会看到原因。'
          placeholder='原因，如：属于市政道路，已转交区城管'
          minLength={2}
          maxLength={200}
          missing='请写明原因（至少 2 个字）'
          submitText='确认不予受理'
          busy={busy}
          onClose={() => setSheet(null)}
          onSubmit={(reason) => run(() => api.suggestions.decline({ suggestionId, reason }), '已告知提出人')}
        />
      ) : null}
      {sheet === 'assign' ? (
        <AssignSheet
          toastId={TOAST_ID}
          communityId={view.communityId}
          busy={busy}
          onClose={() => setSheet(null)}
          onSubmit={(to: AssignTo, note) => run(() => api.suggestions.assign({ suggestionId, ...to, ...(note ? { note } : {}) }), '已交办')}
        />
      ) : null}
      {sheet === 'reply' ? (
        <TextSheet
          toastId={TOAST_ID}
          name='reply'
          title='答复'
          hint='提出人会看到这条答复；办结后会隐去姓名公示。'
          placeholder='如：已联系物业电工，明天上午维修'
          minLength={1}
          maxLength={500}
          missing='请写答复内容'
          submitText='发送答复'
          busy={busy}
          onClose={() => setSheet(null)}
          onSubmit={(text) => run(() => api.suggestions.reply({ suggestionId, text }), '已答复')}
        />
      ) : null}
      {sheet === 'close' ? (
        <TextSheet
          toastId={TOAST_ID}
          name='close'
          title='办结'
          hint='写下办理结果；办结后提出人可以评价，结果会公示。'
          placeholder='如：路灯已修复，并加装了一盏'
          minLength={2}
          maxLength={500}
          missing='请写办理结果（至少 2 个字）'
          submitText={uploading ? '照片上传中…' : '确认办结'}
          busy={busy || uploading}
          onClose={() => setSheet(null)}
          onSubmit={(result) => run(() => api.suggestions.close({ suggestionId, result, resultPhotos }), '已办结')}
        >
          <View className='tx-muted'>结果照片（选填，会公示，请勿拍到人脸和门牌）</View>
          <PhotoPicker
            className='e2e-close-photos'
            value={resultPhotos}
            onChange={setResultPhotos}
            onBusy={setUploading}
            onError={(message) => Toast.show(TOAST_ID, { content: message, icon: 'fail' })}
          />
        </TextSheet>
      ) : null}
      <Dialog
        visible={withdrawing}
        title='撤回建议'
        content='撤回后社区不再办理这条建议，确定吗？'
        confirmText='撤回'
        cancelText='再想想'
        onConfirm={() => {
          setWithdrawing(false)
          void run(() => api.suggestions.withdraw({ suggestionId }), '已撤回')
        }}
        onCancel={() => setWithdrawing(false)}
      />
    </View>
  )
}

function RateForm({ busy, onSubmit }: { busy: boolean; onSubmit: (score: number, comment: string) => void }) {
  const [score, setScore] = useState(RATING_START)
  const [comment, setComment] = useState('')
  return (
    <View className='tx-card e2e-suggestion-rate'>
      <View className='suggestion-section'>评价办理结果</View>
      <RatingField label='满意度' className='e2e-suggestion-rate-score' value={score} onChange={setScore} />
      <TextArea className='e2e-suggestion-rate-comment' value={comment} onChange={setComment} placeholder='说说你对办理的看法（选填）' maxLength={200} showCount />
      <Button
        className='suggestion-rate-submit e2e-suggestion-rate-submit'
        type='primary'
        block
        loading={busy}
        disabled={busy || score === 0}
        onClick={() => onSubmit(score, comment.trim())}
      >
        {score === 0 ? '请先点选星级' : '提交评价'}
      </Button>
    </View>
  )
}
