import { View } from '@tarojs/components'
import { Button, Cell, Input, Popup, Tag, TextArea, Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api } from '@/api'
import { colors } from '@/constants/theme'
import { toApiError } from '@/utils/errors'
import { formatDate } from '@/utils/format'
import { requestActions, requestStatusColors, requestStatusLabels, resourceKinds, type RequestAction, type Resource, type ResourceKind, type ResourceRequest } from '../../resources'
import './index.scss'
import ReviewTag from '@/components/review-tag'

export const RESOURCE_TOAST = 'resource-toast'

const fail = (error: unknown) => Toast.show(RESOURCE_TOAST, { content: toApiError(error).message, icon: 'fail' })

/**
 * 资源清单 rows. With `requestFor` (staff of that community) each row offers
 * 申请使用, which asks the unit with a note.
 */
export function ResourceList({ resources, requestFor, showUnit, onRequested }: { resources: Resource[]; requestFor: string | null; showUnit?: boolean; onRequested?: () => void }) {
  const [asking, setAsking] = useState<Resource | null>(null)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    if (!asking || !requestFor) return
    if (!note.trim()) return Toast.show(RESOURCE_TOAST, { content: '请说明用途和时间', icon: 'warn' })
    setBusy(true)
    try {
      await api.units.requestResource({ resourceId: asking.id, communityId: requestFor, note: note.trim() })
      Toast.show(RESOURCE_TOAST, { content: '已申请，等待单位答复', icon: 'success' })
      setAsking(null)
      onRequested?.()
    } catch (error) {
      fail(error)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View>
      {resources.map((resource) => (
        <Cell
          key={resource.id}
          className={`e2e-resource e2e-resource-${resource.id}`}
          title={
            <View className='resource-title'>
              <Tag className='tx-tag' plain background={colors.info}>
                {resource.kind}
              </Tag>
              <View>{resource.title}</View>
              <ReviewTag state={resource.contentReview} />
            </View>
          }
          description={`${showUnit ? `${resource.unitName} · ` : ''}${resource.description}（${resource.availability}）`}
          extra={
            requestFor ? (
              <Button
                className='e2e-resource-request'
                size='small'
                type='primary'
                fill='outline'
                onClick={() => {
                  setNote('')
                  setAsking(resource)
                }}
              >
                申请使用
              </Button>
            ) : undefined
          }
        />
      ))}
      <Popup visible={asking !== null} position='bottom' round closeable title='申请使用资源' onClose={() => setAsking(null)}>
        {asking ? (
          <View className='resource-sheet e2e-resource-request-sheet'>
            <View className='tx-muted'>
              {asking.unitName} · {asking.title}
            </View>
            <TextArea className='e2e-resource-request-note' value={note} onChange={setNote} placeholder='用途和时间，如：7 月 1 日上午党课借用报告厅' maxLength={200} />
            <Button className='e2e-resource-request-submit' type='primary' block loading={busy} disabled={busy} onClick={submit}>
              提交申请
            </Button>
          </View>
        ) : null}
      </Popup>
    </View>
  )
}

/** A liaison publishes what the unit can share. */
export function PublishResourceSheet({ visible, unitId, onClose, onDone }: { visible: boolean; unitId: string; onClose: () => void; onDone: () => void }) {
  const [form, setForm] = useState<{ kind: ResourceKind; title: string; description: string; availability: string }>({ kind: '场地', title: '', description: '', availability: '' })
  const [busy, setBusy] = useState(false)
  const set = (key: 'title' | 'description' | 'availability') => (value: string) => setForm((current) => ({ ...current, [key]: value }))
  const problem = !form.title.trim() ? '请填写名称' : !form.description.trim() ? '请填写说明' : !form.availability.trim() ? '请填写可用时间' : null
  const submit = async () => {
    if (problem) return Toast.show(RESOURCE_TOAST, { content: problem, icon: 'warn' })
    setBusy(true)
    try {
      await api.units.publishResource({ unitId, kind: form.kind, title: form.title.trim(), description: form.description.trim(), availability: form.availability.trim() })
      setForm((current) => ({ ...current, title: '', description: '', availability: '' }))
      Toast.show(RESOURCE_TOAST, { content: '已发布到资源清单', icon: 'success' })
      onDone()
    } catch (error) {
      fail(error)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Popup visible={visible} position='bottom' round closeable title='发布可共享的资源' onClose={onClose}>
      <View className='resource-sheet e2e-resource-publish'>
        <View className='resource-kinds'>
          {resourceKinds.map((kind) => (
            <Tag
              key={kind}
              className={`tx-tag resource-kind e2e-resource-kind-${kind}`}
              plain={form.kind !== kind}
              background={colors.info}
              onClick={() => setForm((current) => ({ ...current, kind }))}
            >
              {kind}
            </Tag>
          ))}
        </View>
        <Input className='e2e-resource-title-input' value={form.title} onChange={set('title')} placeholder='名称，如：单位报告厅' maxLength={40} />
        <TextArea className='e2e-resource-description-input' value={form.description} onChange={set('description')} placeholder='说明：规模、数量、能做什么' maxLength={500} />
        <Input className='e2e-resource-availability-input' value={form.availability} onChange={set('availability')} placeholder='可用时间，如：周末全天' maxLength={100} />
        <Button className='e2e-resource-publish-submit' type='primary' block loading={busy} disabled={busy} onClick={submit}>
          发布
        </Button>
      </View>
    </Popup>
  )
}

const actionText: Record<RequestAction, string> = { accept: '同意', decline: '婉拒', fulfil: '标记已提供' }

/**
 * Resource requests with their statuses, as both sides see them: the unit's
 * liaison answers (with a note), the community's staff mark an accepted one provided.
 */
export function RequestList({ requests, roles, onChanged }: { requests: ResourceRequest[]; roles: { isStaff: boolean; isLiaison: boolean }; onChanged: () => void }) {
  const [answering, setAnswering] = useState<{ request: ResourceRequest; accept: boolean } | null>(null)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true)
    try {
      await work()
      Toast.show(RESOURCE_TOAST, { content: done, icon: 'success' })
      setAnswering(null)
      onChanged()
    } catch (error) {
      fail(error)
    } finally {
      setBusy(false)
    }
  }
  const act = (request: ResourceRequest, action: RequestAction) => {
    if (action === 'fulfil') return void run(() => api.units.fulfilRequest({ requestId: request.id }), '已记为共享资源')
    setNote('')
    setAnswering({ request, accept: action === 'accept' })
  }
  return (
    <View>
      {requests.map((request) => {
        const actions = requestActions(request.status, roles)
        return (
          <View key={request.id} className={`tx-card resource-request e2e-resource-req e2e-resource-req-${request.id}`}>
            <View className='resource-request-head'>
              <View className='resource-request-title'>{request.resourceTitle}</View>
              <Tag className='tx-tag e2e-resource-req-status' plain background={requestStatusColors[request.status]}>
                {requestStatusLabels[request.status]}
              </Tag>
            </View>
            <View className='resource-request-meta'>
              {roles.isLiaison ? request.communityName : request.unitName} · {formatDate(request.createdAt)} 申请
            </View>
            <View>{request.note}</View>
            {request.answerNote ? <View className='resource-request-meta e2e-resource-req-answer'>单位答复：{request.answerNote}</View> : null}
            {actions.length > 0 ? (
              <View className='resource-request-actions'>
                {actions.map((action) => (
                  <Button
                    key={action}
                    className={`e2e-resource-req-${action}`}
                    size='small'
                    type={action === 'decline' ? 'default' : 'primary'}
                    fill={action === 'decline' ? 'outline' : 'solid'}
                    disabled={busy}
                    onClick={() => act(request, action)}
                  >
                    {actionText[action]}
                  </Button>
                ))}
              </View>
            ) : null}
          </View>
        )
      })}
      <Popup visible={answering !== null} position='bottom' round closeable title={answering?.accept ? '同意申请' : '婉拒申请'} onClose={() => setAnswering(null)}>
        {answering ? (
          <View className='resource-sheet e2e-resource-answer'>
            <View className='tx-muted'>
              {answering.request.communityName} · {answering.request.resourceTitle}：{answering.request.note}
            </View>
            <TextArea
              className='e2e-resource-answer-note'
              value={note}
              onChange={setNote}
              placeholder={answering.accept ? '答复说明（选填），如：7 月 1 日上午可用' : '婉拒原因（选填）'}
              maxLength={200}
            />
            <Button
              className='e2e-resource-answer-submit'
              type='primary'
              block
              loading={busy}
              disabled={busy}
              onClick={() =>
                run(() => api.units.answerRequest({ requestId: answering.request.id, accept: answering.accept, note: note.trim() }), answering.accept ? '已同意' : '已婉拒')
              }
            >
              {answering.accept ? '确认同意' : '确认婉拒'}
            </Button>
          </View>
        ) : null}
      </Popup>
    </View>
  )
}
