import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Cell, Input, Switch, TextArea, Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api } from '@/api'
import FormField from '@/components/form-field'
import PageShell from '@/components/page-shell'
import { PhotoPicker } from '@/components/photos'
import { useDraft, useLeaveGuard } from '@/hooks/use-draft'
import { toApiError } from '@/utils/errors'
import { routes } from '@/utils/routes'
import { suggestionCategories } from '../../labels'
import type { SuggestionCategory } from '../../types'
import { isStarted, suggestionProblems, type Form } from './form'
import './index.scss'

const TOAST_ID = 'suggestion-submit-toast'

const emptyForm: Form = { category: '', title: '', content: '', photos: [], anonymous: false }

/** 收集民意: a resident writes down a problem or an idea for the community. */
export default function SuggestionSubmitPage() {
  // Kept as a draft on the device: a half-written suggestion survives back, a call, or WeChat closing the page.
  const [form, setForm, clearDraft, restored] = useDraft<Form>('suggestion', emptyForm)
  const [uploading, setUploading] = useState(false)
  const [saving, setSaving] = useState(false)
  const [tried, setTried] = useState(false)
  const set = <K extends keyof Form>(key: K) => (value: Form[K]) => setForm((previous) => ({ ...previous, [key]: value }))
  const problems = suggestionProblems(form)
  const shown = tried ? problems : {}
  useLeaveGuard(!saving && isStarted(form))

  const submit = async () => {
    if (uploading) return Toast.show(TOAST_ID, { content: '照片还在上传，请稍候', icon: 'warn' })
    setTried(true)
    if (Object.keys(problems).length > 0) return
    setSaving(true)
    try {
      const created = await api.suggestions.submit({
        category: form.category as SuggestionCategory,
        title: form.title.trim(),
        content: form.content.trim(),
        photos: form.photos,
        anonymous: form.anonymous,
      })
      clearDraft()
      Toast.show(TOAST_ID, { content: '已提交，社区会尽快受理', icon: 'success' })
      setTimeout(() => void Taro.redirectTo({ url: routes.suggestionDetail(created.id) }), 800)
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
      setSaving(false)
    }
  }

  return (
    <PageShell name='suggestion-submit'>
      <View className='suggestion-form e2e-suggestion-form'>
        <View className='tx-muted suggestion-intro'>
          说说你发现的问题或对社区的建议。社区受理后会交办、答复，办结后请你评价；办结的建议会隐去姓名后公示。
        </View>
        {restored ? <View className='tx-muted suggestion-intro e2e-draft-restored'>已恢复上次没写完的内容。</View> : null}
        <FormField label='类别' error={shown.category}>
            <View className='suggestion-chips e2e-suggestion-category' role='radiogroup' aria-label='类别'>
              {suggestionCategories.map((category) => (
                <View
                  key={category}
                  className={`suggestion-chip e2e-suggestion-category-${category}${form.category === category ? ' suggestion-chip-on' : ''}`}
                  role='radio'
                  aria-checked={form.category === category}
                  onClick={() => set('category')(category)}
                >
                  {category}
                </View>
              ))}
            </View>
        </FormField>
        <FormField label='标题' error={shown.title}>
          <Input className='e2e-suggestion-title' aria-label='标题' value={form.title} onChange={set('title')} placeholder='如：东门路灯不亮' maxLength={40} />
        </FormField>
        <FormField label='具体情况' error={shown.content}>
          <TextArea
            className='e2e-suggestion-content'
            aria-label='具体情况'
            value={form.content}
            onChange={set('content')}
            placeholder='在哪里、什么问题、希望怎么解决'
            maxLength={1000}
            showCount
          />
        </FormField>
        <Cell.Group>
          <Cell>
            <View className='suggestion-column'>
              <View className='suggestion-label'>照片（选填，最多 6 张，只有社区工作人员能看到）</View>
              <PhotoPicker
                className='e2e-suggestion-photos'
                value={form.photos}
                onChange={set('photos')}
                onBusy={setUploading}
                onError={(message) => Toast.show(TOAST_ID, { content: message, icon: 'fail' })}
              />
            </View>
          </Cell>
          <Cell
            title='对其他居民匿名'
            description='公示时显示为“匿名居民”；社区工作人员仍能看到你是谁，方便回访'
            extra={<Switch className='e2e-suggestion-anonymous' checked={form.anonymous} onChange={(checked) => set('anonymous')(checked)} />}
          />
        </Cell.Group>
        <View className='suggestion-actions'>
          <Button className='e2e-suggestion-submit' type='primary' block loading={saving} disabled={saving || uploading} onClick={submit}>
            提交建议
          </Button>
        </View>
      </View>
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}
