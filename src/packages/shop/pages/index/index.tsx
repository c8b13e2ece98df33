import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Dialog, Popup, Toast } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api, type Redemption, type ShopItem } from '@/api'
import LoadState from '@/components/load-state'
import PageShell from '@/components/page-shell'
import { useAsync } from '@/hooks/use-async'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { useReturns } from '@/hooks/use-shown'
import { toApiError } from '@/utils/errors'
import { routes } from '@/utils/routes'
import PickupCard from '../../components/pickup-card'
import './index.scss'

const TOAST_ID = 'shop-toast'

/** The caller's community shop: balance first, then the goods on shelf. */
export default function Shop() {
  const returns = useReturns()
  const { state, reload } = useAsync(async () => {
    const [balance, items] = await Promise.all([api.points.balance(), api.shop.items()])
    return { balance, items: items.items }
  }, [returns])
  useReloadTriggers(reload)
  const [confirming, setConfirming] = useState<ShopItem | null>(null)
  /** The item being redeemed: its button says 兑换中 until the server answers (a slow link must not look dead). */
  const [redeeming, setRedeeming] = useState<string | null>(null)
  const [result, setResult] = useState<Redemption | null>(null)

  const redeem = async (item: ShopItem) => {
    setConfirming(null)
    setRedeeming(item.id)
    try {
      setResult(await api.shop.redeem({ itemId: item.id }))
    } catch (error) {
      // 积分不足 / 库存不足 / 已达到兑换上限: the server's words are the ones to show.
      Toast.show(TOAST_ID, { content: toApiError(error).message, icon: 'fail' })
    } finally {
      setRedeeming(null)
      reload()
    }
  }

  return (
    <PageShell name='shop'>
      <LoadState state={state} onRetry={reload} rows={6}>
        {({ balance, items }) => (
          <View>
            <View className='shop-banner e2e-shop'>
              <View>
                <View className='shop-title'>积分超市</View>
                <View className='shop-subtitle'>服务换积分，积分换好物</View>
              </View>
              <View className='shop-balance' onClick={() => Taro.navigateTo({ url: routes.pointsHistory })}>
                <View className='shop-balance-value e2e-shop-available'>{balance.available}</View>
                <View className='shop-subtitle'>可用积分{balance.held > 0 ? ` · 冻结 ${balance.held}` : ''}</View>
              </View>
            </View>
            <View className='shop-links'>
              <View className='shop-link e2e-shop-redemptions' onClick={() => Taro.navigateTo({ url: routes.redemptions })}>
                我的兑换 ›
              </View>
              <View className='shop-link' onClick={() => Taro.navigateTo({ url: routes.pointsHistory })}>
                积分明细 ›
              </View>
            </View>
            {items.length === 0 ? (
              <View className='tx-card tx-muted e2e-empty'>商品正在上架中，敬请期待。先去参加活动攒积分吧。</View>
            ) : (
              <View className='shop-grid e2e-shop-items'>
                {items.map((item) => (
                  <ItemCard key={item.id} item={item} available={balance.available} busy={redeeming !== null} pending={redeeming === item.id} onRedeem={() => setConfirming(item)} />
                ))}
              </View>
            )}
            <View className='tx-card tx-muted'>积分只能用于本社区积分超市，不能转让或提现。兑换后请在有效期内到社区党群服务中心出示兑换码领取。</View>
          </View>
        )}
      </LoadState>
      <Dialog
        className='e2e-redeem-dialog'
        visible={confirming !== null}
        title='确认兑换'
        content={confirming ? `用 ${confirming.pricePoints} 积分兑换「${confirming.name}」？兑换后积分先冻结，领取时扣除；未领取可取消。` : ''}
        confirmText='兑换'
        cancelText='再想想'
        onConfirm={() => {
          if (confirming) void redeem(confirming)
        }}
        onCancel={() => setConfirming(null)}
      />
      <Popup visible={result !== null} position='bottom' round closeable title='兑换成功' onClose={() => setResult(null)}>
        {result ? (
          <View className='shop-result e2e-redeem-result'>
            <PickupCard redemption={result} />
            <Button className='shop-result-button' type='primary' block onClick={() => Taro.navigateTo({ url: routes.redemptions })}>
              查看我的兑换
            </Button>
          </View>
        ) : null}
      </Popup>
      <Toast id={TOAST_ID} />
    </PageShell>
  )
}

function ItemCard({ item, available, busy, pending, onRedeem }: { item: ShopItem; available: number; busy: boolean; pending: boolean; onRedeem: () => void }) {
  const soldOut = item.stock <= 0
  return (
    <View className={`shop-item e2e-shop-item e2e-shop-item-${item.id}`}>
      {item.photoUrl ? (
        <Image className='shop-item-photo' src={item.photoUrl} mode='aspectFill' lazyLoad />
      ) : (
        <View className='shop-item-photo shop-item-glyph'>{Array.from(item.name)[0]}</View>
      )}
      <View className='shop-item-name'>{item.name}</View>
      <View className='shop-item-price e2e-item-price'>{item.pricePoints} 积分</View>
      <View className='tx-muted'>
        <View className='e2e-item-stock'>库存 {item.stock}</View>
        <View>每人限兑 {item.perPersonLimit} 件</View>
      </View>
      <Button
        className='shop-item-button e2e-redeem'
        type='primary'
        size='small'
        block
        loading={pending}
        disabled={busy || soldOut}
        fill={soldOut || available < item.pricePoints ? 'outline' : 'solid'}
        onClick={onRedeem}
      >
        {pending ? '兑换中…' : soldOut ? '已兑完' : '兑换'}
      </Button>
    </View>
  )
}
