import { View } from '@tarojs/components'
import { Button, Cell, Input, Popup, Switch, Tag, Toast } from '@nutui/nutui-react-taro'
import { useState, type ReactNode } from 'react'
import { api, type ShopItem } from '@/api'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { colors } from '@/constants/theme'
import { useAsync } from '@/hooks/use-async'
import { useParam } from '@/hooks/use-param'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { toApiError } from '@/utils/errors'
import { itemProblem, restockProblem, type ItemForm } from './item-form'
import './index.scss'

const TOAST_ID = 'items-toast'

type Editing = { kind: 'create' } | { kind: 'edit'; item: ShopItem } | { kind: 'restock'; item: ShopItem }

/** The community's goods, on shelf or not: add, edit, put on or take off the shelf, restock with a reason. */
export default function StaffItems() {
  const communityId = useParam('communityId')
  const { state, reload } = useAsync(() => api.shop.items({ communityId, includeOffShelf: true }), [communityId])
  useReloadTriggers(reload)
  const [editing, setEditing] = useState<Editing | null>(null)
  const close = () => setEditing(null)
  const saved = (message: string) => {
    Toast.show(TOAST_ID, { content: message, icon: 'success' })
    setEditing(null)
    reload()
  }

  return (
    <PageShell name='staff-items'>
      <View className='items-head'>
        <Button className='e2e-item-new' type='primary' size='small' onClick={() => setEditing({ kind: 'create' })}>
          + 新增商品
        </Button>
      </View>
      <RedemptionDays communityId={communityId} />
      <LoadState state={state} onRetry={reload} rows={6} isEmpty={(data) => data.items.length === 0} emptyText='还没有商品，点“新增商品”上架第一件'>
        {({ items }) => (
          <Cell.Group className='e2e-staff-items'>
            {items.map((item) => (
              <Cell
                key={item.id}
                className={`e2e-staff-item e2e-staff-item-${item.id}`}
                title={
                  <View className='items-title'>
                    <View className='items-name'>{item.name}</View>
                    <Tag className='tx-tag' plain background={item.onShelf ? colors.primary : colors.muted}>
                      {item.onShelf ? '在售' : '已下架'}
                    </Tag>
                  </View>
                }
                description={
                  <View className='items-meta'>
                    <View>
                      {item.pricePoints} 积分 · 每人限兑 {item.perPersonLimit} 件
                    </View>
                    <View className='e2e-staff-item-stock'>库存 {item.stock}</View>
                  </View>
                }
                extra={
                  <View className='items-tools'>
                    <Button className='e2e-item-edit' size='small' fill='outline' onClick={() => setEditing({ kind: 'edit', item })}>
                      编辑
                    </Button>
                    <Button className='e2e-item-restock' size='small' fill='outline' onClick={() => setEditing({ kind: 'restock', item })}>
                      补货
                    </Button>
                  </View>
                }
              />
            ))}
          </Cell.Group>
        )}
      </LoadState>
      {editing?.kind === 'restock' ? (
        <RestockPopup item={editing.item} onClose={close} onSaved={() => saved('库存已更新')} />
      ) : editing ? (
        <ItemPopup communityId={communityId} item={editing.kind === 'edit' ? editing.item : null} onClose={close} onSaved={() => saved('已保存')} />
      ) : null}
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}

/** How long a held redemption waits for pick-up in this community; expiry gives points and stock back. */
function RedemptionDays({ communityId }: { communityId: string }) {
  const { state, reload } = useAsync(() => api.communities.settings({ communityId }), [communityId])
  const [draft, setDraft] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  if (state.status !== 'ready') return null
  const save = async () => {
    const days = Number(draft)
    if (!Number.isInteger(days) || days < 1 || days > 365) return Toast.show(TOAST_ID, { content: '兑换有效期须为 1–365 天', icon: 'warn' })
    setSaving(true)
    try {
      await api.communities.updateSettings({ communityId, redemptionDays: days })
      Toast.show(TOAST_ID, { content: '兑换有效期已更新', icon: 'success' })
      setDraft(null)
      reload()
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setSaving(false)
    }
  }
  return (
    <Cell
      className='e2e-redemption-days'
      title='兑换有效期'
      description='超过有效期未领取的兑换自动取消，积分和库存退回'
      extra={
        draft === null ? (
          <View className='items-tools'>
            <View className='e2e-redemption-days-value'>{state.data.redemptionDays} 天</View>
            <Button size='small' fill='outline' onClick={() => setDraft(String(state.data.redemptionDays))}>
              修改
            </Button>
          </View>
        ) : (
          <View className='items-tools'>
            <Input className='e2e-redemption-days-input' type='digit' value={draft} onChange={setDraft} maxLength={3} />
            <Button size='small' type='primary' loading={saving} onClick={save}>
              保存
            </Button>
          </View>
        )
      }
    />
  )
}

function ItemPopup({ communityId, item, onClose, onSaved }: { communityId: string; item: ShopItem | null; onClose: () => void; onSaved: () => void }) {
  const [form, setForm] = useState<ItemForm>({
    name: item?.name ?? '',
    photoUrl: item?.photoUrl ?? '',
    pricePoints: item ? String(item.pricePoints) : '',
    perPersonLimit: item ? String(item.perPersonLimit) : '1',
    stock: item ? String(item.stock) : '10',
    onShelf: item?.onShelf ?? true,
  })
  const [saving, setSaving] = useState(false)
  const set = <K extends keyof ItemForm>(key: K) => (value: ItemForm[K]) => setForm((previous) => ({ ...previous, [key]: value }))

  const save = async () => {
    const problem = itemProblem(form, item === null)
    if (problem) return Toast.show(TOAST_ID, { content: problem, icon: 'warn' })
    setSaving(true)
    try {
      await api.shop.saveItem({
        communityId,
        ...(item ? { itemId: item.id } : { stock: Number(form.stock) }),
        name: form.name.trim(),
        photoUrl: form.photoUrl.trim() || null,
        pricePoints: Number(form.pricePoints),
        perPersonLimit: Number(form.perPersonLimit),
        onShelf: form.onShelf,
      })
      onSaved()
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
      setSaving(false)
    }
  }

  return (
    <Popup visible position='bottom' round closeable title={item ? '编辑商品' : '新增商品'} onClose={onClose}>
      <View className='items-form e2e-item-form'>
        <Field label='名称'>
          <Input className='e2e-item-name' value={form.name} onChange={set('name')} placeholder='如：洗衣皂' maxLength={40} />
        </Field>
        <Field label='所需积分'>
          <Input className='e2e-item-price' type='number' value={form.pricePoints} onChange={set('pricePoints')} placeholder='1–100000' maxLength={6} />
        </Field>
        <Field label='每人限兑'>
          <Input className='e2e-item-limit' type='number' value={form.perPersonLimit} onChange={set('perPersonLimit')} placeholder='1–100' maxLength={3} />
        </Field>
        {item ? (
          <Cell title='库存' extra={`${item.stock}（请用“补货”调整）`} />
        ) : (
          <Field label='初始库存'>
            <Input className='e2e-item-stock' type='number' value={form.stock} onChange={set('stock')} placeholder='0–100000' maxLength={6} />
          </Field>
        )}
        <Field label='图片地址'>
          <Input className='e2e-item-photo' value={form.photoUrl} onChange={set('photoUrl')} placeholder='选填，https:// 或云存储地址' maxLength={500} />
        </Field>
        <Cell title='上架' extra={<Switch className='e2e-item-on-shelf' checked={form.onShelf} onChange={set('onShelf')} />} />
        <Button className='items-save e2e-item-save' type='primary' block loading={saving} disabled={saving} onClick={save}>
          保存
        </Button>
      </View>
    </Popup>
  )
}

function RestockPopup({ item, onClose, onSaved }: { item: ShopItem; onClose: () => void; onSaved: () => void }) {
  const [delta, setDelta] = useState('')
  const [reason, setReason] = useState('')
  const [saving, setSaving] = useState(false)

  const save = async () => {
    const problem = restockProblem(delta, reason, item.stock)
    if (problem) return Toast.show(TOAST_ID, { content: problem, icon: 'warn' })
    setSaving(true)
    try {
      await api.shop.restock({ itemId: item.id, delta: Number(delta), reason: reason.trim() })
      onSaved()
    } catch (error) {
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
      setSaving(false)
    }
  }

  return (
    <Popup visible position='bottom' round closeable title={`补货 · ${item.name}`} onClose={onClose}>
      <View className='items-form e2e-restock-form'>
        <Cell title='当前库存' extra={String(item.stock)} />
        <Field label='变动数量'>
          <Input className='e2e-restock-delta' value={delta} onChange={setDelta} placeholder='如 10；减少填 -2' maxLength={7} />
        </Field>
        <Field label='原因'>
          <Input className='e2e-restock-reason' value={reason} onChange={setReason} placeholder='如：街道配送到货' maxLength={200} />
        </Field>
        <Button className='items-save e2e-restock-save' type='primary' block loading={saving} disabled={saving} onClick={save}>
          确认
        </Button>
      </View>
    </Popup>
  )
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Cell>
      <View className='items-field'>
        <View className='items-label'>{label}</View>
        {children}
      </View>
    </Cell>
  )
}
