import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Cell, Input, Switch, TextArea, Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api, type AnnouncementKind, type AnnouncementView } from '@/api'
import { choosePhotos, uploadPhoto } from '@/api/upload'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { useAsync } from '@/hooks/use-async'
import { useParam } from '@/hooks/use-param'
import { toApiError } from '@/utils/errors'
import { routes } from '@/utils/routes'
import './index.scss'

const TOAST_ID = 'news-edit-toast'
const kinds: Array<{ value: AnnouncementKind; label: string }> = [
  { value: 'notice', label: '通知公告' },
  { value: 'news', label: '社区新闻' },
]

/** Staff write a notice or news in Markdown (`communityId`: new; `id`: edit). The server renders and sanitises it. */
export default function NewsEditPage() {
  const announcementId = useParam('id')
  const communityId = useParam('communityId')
  const { state, reload } = useAsync(async () => (announcementId ? api.announcements.detail({ announcementId }) : null), [announcementId])
  return (
    <PageShell name='news-edit'>
      <LoadState state={state} onRetry={reload} rows={6}>
        {(existing) => <EditForm existing={existing} communityId={existing?.communityId ?? communityId} />}
      </LoadState>
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}

/** Stores one picked photo; null when the person cancelled. */
async function pickOne(): Promise<string | null> {
  const [path] = await choosePhotos(1)
  return path ? uploadPhoto(path) : null
}

function EditForm({ existing, communityId }: { existing: AnnouncementView | null; communityId: string }) {
  const [kind, setKind] = useState<AnnouncementKind>(existing?.kind ?? 'notice')
  const [title, setTitle] = useState(existing?.title ?? '')
  const [cover, setCover] = useState<string | null>(existing?.cover ?? null)
  const [source, setSource] = useState(existing?.source ?? '')
  const [pinned, setPinned] = useState(false)
  const [uploading, setUploading] = useState(false)
  const [saving, setSaving] = useState(false)
  const warn = (content: string) => Toast.show(TOAST_ID, { content, icon: 'warn' })
  const fail = (error: unknown) => Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })

  // The cursor position is not reliable across platforms, so the toolbar appends at the end.
  const append = (snippet: string) => setSource((current) => `${current}${current && !current.endsWith('\n') ? '\n' : ''}${snippet}`)
  const upload = async (use: (fileId: string) => void) => {
    if (uploading) return
    setUploading(true)
    try {
      const fileId = await pickOne()
      if (fileId) use(fileId)
    } catch (error) {
      fail(error)
    } finally {
      setUploading(false)
    }
  }

  const submit = async () => {
    if (uploading) return warn('图片还在上传，请稍候')
    if (!title.trim()) return warn('请填写标题')
    if (!source.trim()) return warn('请填写正文')
    setSaving(true)
    try {
      const saved = existing
        ? await api.announcements.update({ announcementId: existing.id, kind, title: title.trim(), cover, source })
        : await api.announcements.publish({ communityId, kind, title: title.trim(), cover, source, pinned })
      Toast.show(TOAST_ID, { content: existing ? '已保存' : '已发布', icon: 'success' })
      setTimeout(() => void Taro.redirectTo({ url: routes.newsDetail(saved.id) }), 600)
    } catch (error) {
      fail(error)
      setSaving(false)
    }
  }

  return (
    <View className='news-form e2e-news-form'>
      <Cell.Group title='公告'>
        <Cell>
          <View className='news-kinds'>
            {kinds.map((option) => (
              <View key={option.value} className={`news-kind e2e-news-kind-${option.value}${kind === option.value ? ' news-kind-on' : ''}`} onClick={() => setKind(option.value)}>
                {option.label}
              </View>
            ))}
          </View>
        </Cell>
        <Cell>
          <Input className='e2e-news-title-input' value={title} onChange={setTitle} placeholder='标题' maxLength={60} />
        </Cell>
        <Cell>
          <View className='news-cover-row'>
            <View className='news-label'>封面（选填）</View>
            {cover ? (
              <View className='news-cover-slot'>
                <Image className='news-cover' src={cover} mode='aspectFill' />
                <View className='news-cover-remove e2e-news-cover-remove' onClick={() => setCover(null)}>
                  ×
                </View>
              </View>
            ) : (
              <View className='news-cover news-cover-add e2e-news-cover-add' onClick={() => upload(setCover)}>
                {uploading ? '上传中…' : '+ 封面'}
              </View>
            )}
          </View>
        </Cell>
      </Cell.Group>
      <Cell.Group title='正文'>
        <View className='news-toolbar'>
          <View className='news-tool e2e-news-tool-heading' onClick={() => append('## 小标题\n')}>
            标题
          </View>
          <View className='news-tool e2e-news-tool-bold' onClick={() => append('**加粗的文字**')}>
            加粗
          </View>
          <View className='news-tool e2e-news-tool-list' onClick={() => append('- 第一项\n- 第二项\n')}>
            列表
          </View>
          <View className='news-tool e2e-news-tool-image' onClick={() => upload((fileId) => append(`![](${fileId})\n`))}>
            插入图片
          </View>
        </View>
        <Cell>
          <TextArea className='e2e-news-source' value={source} onChange={setSource} placeholder='正文，支持 ## 标题、**加粗**、- 列表' maxLength={20000} autoSize />
        </Cell>
      </Cell.Group>
      {existing ? null : (
        <Cell.Group>
          <Cell title='置顶' extra={<Switch className='e2e-news-pinned' checked={pinned} onChange={setPinned} />} />
        </Cell.Group>
      )}
      <View className='news-actions'>
        <Button className='e2e-news-submit' type='primary' block loading={saving} disabled={saving || uploading} onClick={submit}>
          {existing ? '保存修改' : '发布'}
        </Button>
      </View>
    </View>
  )
}
