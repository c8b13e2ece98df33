import { View } from '@tarojs/components'
import { scaleBars, type Bar } from './bars'
import './index.scss'

/**
 * A horizontal bar chart drawn with Views: no chart library (a canvas one
 * would add hundreds of KB to the subpackage and does not follow large-text
 * mode). Widths are percentages, so it needs no pixel maths on either platform.
 */
export default function BarChart({ bars, unit = '' }: { bars: readonly Bar[]; unit?: string }) {
  return (
    <View className='tx-bars e2e-bar-chart'>
      {scaleBars(bars).map((bar) => (
        <View key={bar.label} className='tx-bar-row'>
          <View className='tx-bar-label'>{bar.label}</View>
          <View className='tx-bar-track'>
            <View className='tx-bar-fill' style={{ width: `${bar.percent}%` }} />
          </View>
          <View className='tx-bar-value e2e-bar-value'>
            {bar.value}
            {unit}
          </View>
        </View>
      ))}
    </View>
  )
}
