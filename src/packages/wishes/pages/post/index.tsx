import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Cell, Input, TextArea, Toast } from '@nutui/nutui-react-taro'
import { useState, type ReactNode } from 'react'
import { api, type WishCategory, type WishDetail } from '@/api'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { wishCategories } from '@/constants/labels'
import { useAsync } from '@/hooks/use-async'
import { useParam } from '@/hooks/use-param'
import { toApiError } from '@/utils/errors'
import { routes } from '@/utils/routes'
import { askConsent } from '@/utils/subscribe'
import DayPicker from '@/components/day-picker'
import { PhotoPicker } from '@/components/photos'
import { beneficiaryProblem, dayOf, wishProblem, type BeneficiaryForm, type WishForm } from './form'
import './index.scss'
import { useDraft, useLeaveGuard } from '@/hooks/use-draft'

const TOAST_ID = 'wish-post-toast'

/**
 * One form, three uses: a resident posts their own wish (no parameters), the
 * wisher edits one (`id`), staff post for a neighbour without a phone
 * (`communityId` + `for=neighbour`).
 */
export default function WishPostPage() {
  const wishId = useParam('id')
  const communityId = useParam('communityId')
  const forNeighbour = useParam('for') === 'neighbour'
  const { state, reload } = useAsync(async () => (wishId ? api.wishes.detail({ wishId }) : null), [wishId])
  return (
    <PageShell name='wish-post'>
      <LoadState state={state} onRetry={reload} rows={6}>
        {(wish) => <PostForm wish={wish} communityId={communityId} forNeighbour={forNeighbour && !wishId} />}
      </LoadState>
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}

const today = () => dayOf(new Date().toISOString())

function PostForm({ wish, communityId, forNeighbour }: { wish: WishDetail | null; communityId: string; forNeighbour: boolean }) {
  const initial: WishForm = {
    title: wish?.title ?? '',
    story: wish?.story ?? '',
    category: wish?.category ?? '',
    wishedBy: wish?.wishedBy ?? '',
    photos: wish?.photos ?? [],
  }
  // A draft on the device per kind of form: a half-written wish survives back, a call, or WeChat closing the page.
  const [form, setForm, clearDraft, restored] = useDraft<WishForm>(wish ? `wish-edit:${wish.id}` : forNeighbour ? `wish-for:${communityId}` : 'wish', initial)
  const changed = JSON.stringify(form) !== JSON.stringify(initial)
  const [beneficiary, setBeneficiary] = useState<BeneficiaryForm>({ name: '', phone: '', address: '' })
  const [uploading, setUploading] = useState(false)
  const [saving, setSaving] = useState(false)
  const [picking, setPicking] = useState(false)
  const set = <K extends keyof WishForm>(key: K) => (value: WishForm[K]) => setForm((previous) => ({ ...previous, [key]: value }))
  const setB = (key: keyof BeneficiaryForm) => (value: string) => setBeneficiary((previous) => ({ ...previous, [key]: value }))
  const warn = (content: string) => Toast.show(TOAST_ID, { content, icon: 'warn' })
  useLeaveGuard(changed && !saving)

  const submit = async () => {
    if (uploading) return warn('照片还在上传，请稍候')
    const problem = (forNeighbour ? beneficiaryProblem(beneficiary) : null) ?? wishProblem(form, today())
    if (problem) return warn(problem)
    const fields = {
      title: form.title.trim(),
      story: form.story.trim(),
      category: form.category as WishCategory,
      photos: form.photos,
      ...(form.wishedBy ? { wishedBy: form.wishedBy } : {}),
    }
    // A new wish of one's own: ask now, in the tap, whether WeChat may tell them when it is claimed and fulfilled.
    if (!wish && !forNeighbour) await askConsent(['wish_reviewed', 'wish_claimed', 'wish_fulfilled'])
    setSaving(true)
    try {
      if (wish) {
        await api.wishes.edit({ wishId: wish.id, ...fields })
      } else if (forNeighbour) {
        const name = beneficiary.name.trim()
        await api.wishes.postFor({ communityId, beneficiary: { name, phone: beneficiary.phone.trim(), address: beneficiary.address.trim() }, ...fields })
      } else {
        await api.wishes.post(fields)
      }
      clearDraft()
      Toast.show(TOAST_ID, { content: wish ? '已修改，重新提交审核' : forNeighbour ? '已发布到心愿墙' : '已提交，等待社区审核', icon: 'success' })
      // A new wish of one's own waits for review off the wall, so the wisher lands where they can follow it;
      // an edit or a staff post goes back to the page it came from, which reloads when shown again.
      setTimeout(() => {
        if (!wish && !forNeighbour) void Taro.redirectTo({ url: routes.myWishes })
        else if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
        else void Taro.redirectTo({ url: routes.myWishes })
      }, 800)
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
      setSaving(false)
    }
  }

  return (
    <View className='wish-form e2e-wish-form'>
      {restored && changed ? <View className='tx-muted wish-form-intro e2e-draft-restored'>已恢复上次没写完的内容。</View> : null}
      <View className='tx-muted wish-form-intro'>
        {forNeighbour
          ? '为没有手机的居民代发心愿，发布后直接上墙。姓名、电话和住址只有认领人和工作人员能看到。'
          : wish
            ? '修改后心愿需要重新审核。'
            : '写下你的小心愿，社区审核后会出现在心愿墙上；墙上只显示隐去部分的姓名。'}
      </View>
      {forNeighbour ? (
        <Cell.Group title='心愿人' className='e2e-beneficiary'>
          <Field label='姓名'>
            <Input className='e2e-beneficiary-name' value={beneficiary.name} onChange={setB('name')} placeholder='如：周桂兰' maxLength={20} />
          </Field>
          <Field label='电话'>
            <Input className='e2e-beneficiary-phone' type='tel' value={beneficiary.phone} onChange={setB('phone')} placeholder='没有可不填' maxLength={11} />
          </Field>
          <Field label='住址'>
            <Input className='e2e-beneficiary-address' value={beneficiary.address} onChange={setB('address')} placeholder='如：3 号楼 2 单元 101' maxLength={100} />
          </Field>
        </Cell.Group>
      ) : null}
      <Cell.Group title='心愿'>
        <Field label='标题'>
          <Input className='e2e-wish-title-input' value={form.title} onChange={set('title')} placeholder='如：想要一个新书包' maxLength={40} />
        </Field>
        <Cell>
          <TextArea className='e2e-wish-story-input' value={form.story} onChange={set('story')} placeholder='说说心愿的情况：为谁、为什么需要' maxLength={500} showCount />
        </Cell>
        <Cell>
          <View className='wish-form-column'>
            <View className='wish-form-label'>类别</View>
            <View className='wish-form-chips e2e-wish-category'>
              {wishCategories.map((category) => (
                <View
                  key={category}
                  className={`wish-form-chip e2e-category-${category}${form.category === category ? ' wish-form-chip-on' : ''}`}
                  onClick={() => set('category')(category)}
                >
                  {category}
                </View>
              ))}
            </View>
            {form.category === '' ? <View className='tx-muted wish-form-note'>请点选一个类别</View> : null}
          </View>
        </Cell>
        <Cell
          className='e2e-wish-wished-by'
          title='期望实现日期'
          clickable
          extra={form.wishedBy || '不限（点此选择）'}
          onClick={() => setPicking(true)}
        />
        {/* An edit can change the date but not drop it (the back end keeps the old one), so only a new wish offers 不限. */}
        {form.wishedBy && !wish?.wishedBy ? <Cell className='e2e-wish-wished-by-clear' title='不限日期' clickable extra='清除' onClick={() => set('wishedBy')('')} /> : null}
        <Cell>
          <View className='wish-form-column'>
            <View className='wish-form-label'>照片（选填，最多 6 张）</View>
            <PhotoPicker
              className='e2e-wish-photos'
              value={form.photos}
              onChange={set('photos')}
              onBusy={setUploading}
              onError={(message) => Toast.show(TOAST_ID, { content: message, icon: 'fail' })}
            />
          </View>
        </Cell>
      </Cell.Group>
      <DayPicker
        title='期望实现日期'
        visible={picking}
        value={form.wishedBy}
        min={new Date()}
        max={new Date(Date.now() + 366 * 24 * 3600 * 1000)}
        onClose={() => setPicking(false)}
        onPick={set('wishedBy')}
      />
      <View className='wish-form-actions'>
        <Button className='e2e-wish-submit' type='primary' block loading={saving} disabled={saving || uploading} onClick={submit}>
          {wish ? '保存修改' : forNeighbour ? '发布到心愿墙' : '提交审核'}
        </Button>
      </View>
    </View>
  )
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Cell>
      <View className='wish-form-field'>
        <View className='wish-form-label'>{label}</View>
        {children}
      </View>
    </Cell>
  )
}
