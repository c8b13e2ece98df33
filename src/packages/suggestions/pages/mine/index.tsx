import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { api } from '@/api'
import PageShell from '@/components/page-shell'
import PagedList from '@/components/paged-list'
import { usePagedList } from '@/hooks/use-paged-list'
import { useReloadTriggers } from '@/hooks/use-reload-triggers'
import { useReturns } from '@/hooks/use-shown'
import { routes } from '@/utils/routes'
import SuggestionCardView from '../../components/card'
import './index.scss'

/** The suggestions I sent, in every status; each opens its timeline. */
export default function MySuggestionsPage() {
  const returns = useReturns()
  const list = usePagedList((page) => api.suggestions.mine({ page, pageSize: 10 }), [returns])
  useReloadTriggers(list.reload)
  return (
    <PageShell name='my-suggestions'>
      <View className='my-suggestions-head'>
        <Button className='e2e-my-suggestions-public' size='small' fill='outline' onClick={() => Taro.navigateTo({ url: routes.publicSuggestions })}>
          办结公示
        </Button>
        <Button className='e2e-my-suggestions-submit' type='primary' size='small' onClick={() => Taro.navigateTo({ url: routes.suggestionSubmit })}>
          + 提建议
        </Button>
      </View>
      <PagedList className='e2e-my-suggestions' list={list} emptyText='还没有提过建议' renderItem={(item) => <SuggestionCardView key={item.id} item={item} />} />
    </PageShell>
  )
}
