import { View } from '@tarojs/components'
import { Tabs } from '@nutui/nutui-react-taro'
import './index.scss'

interface Props<V extends string> {
  options: readonly V[]
  value: V
  onChange: (value: V) => void
  /** When the values are ids rather than the words to show. */
  labelOf?: (value: V) => string
  className?: string
}

/** A one-line filter bar. The panes stay empty: the list under the bar is one shared list. */
export default function FilterTabs<V extends string>({ options, value, onChange, labelOf, className }: Props<V>) {
  return (
    <View className={`tx-filter-tabs ${className ?? ''}`}>
      <Tabs
        value={value}
        activeType='line'
        align='left'
        onChange={(picked) => {
          const option = options.find((o) => o === picked)
          if (option !== undefined) onChange(option)
        }}
      >
        {options.map((option) => (
          <Tabs.TabPane key={option} title={labelOf ? labelOf(option) : option} value={option} className={`e2e-filter-${option}`} />
        ))}
      </Tabs>
    </View>
  )
}
