import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Cell } from '@nutui/nutui-react-taro'
import PageShell from '@/components/page-shell'
import './index.scss'

/** How points flow, from service to goods; each step is one row. */
const steps = [
  { title: '报名活动', description: '在「活动」里报名志愿服务、主题党日等活动' },
  { title: '签到签退', description: '活动现场扫码签到、签退，记录志愿服务时长' },
  { title: '获得积分', description: '工作人员确认出勤后，积分自动记入您的积分账户' },
  { title: '兑换商品', description: '在积分超市用积分兑换生活用品，兑换时先冻结积分' },
  { title: '到站核销', description: '到社区党群服务中心领取，工作人员核销后完成兑换' },
]

/**
 * 积分超市 subpackage. The shop's goods and redemptions arrive with the shop
 * function; until then the page explains how points are earned and spent.
 */
export default function Shop() {
  return (
    <PageShell name='shop'>
      <View className='shop-banner e2e-shop'>
        <View className='shop-title'>积分超市</View>
        <View className='shop-subtitle'>服务换积分，积分换好物</View>
      </View>
      <Cell.Group title='积分怎么来、怎么用'>
        {steps.map((step, index) => (
          <Cell key={step.title} title={`${index + 1}. ${step.title}`} description={step.description} />
        ))}
      </Cell.Group>
      <View className='tx-card tx-muted e2e-shop-coming'>商品正在上架中，敬请期待。积分只能用于本社区积分超市，不能转让或提现。</View>
      <View className='shop-actions'>
        <Button type='primary' block onClick={() => Taro.switchTab({ url: '/pages/activities/index' })}>
          去参加活动赚积分
        </Button>
      </View>
    </PageShell>
  )
}
