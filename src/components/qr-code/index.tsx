import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo } from 'react'
import { qrRows } from '@/utils/qr'
import './index.scss'

/** The quiet zone the QR spec asks for, in modules: scanners need the white border. */
const QUIET_MODULES = 4

/**
 * A QR code drawn with Views. `size` is in design px (750 ruler); each run
 * gets its share of the width as a percentage, so rounding never shifts a
 * row out of line with the next.
 */
export default function QrCode({ text, size = 400, className }: { text: string; size?: number; className?: string }) {
  const rows = useMemo(() => qrRows(text), [text])
  const modules = rows.length
  const total = modules + 2 * QUIET_MODULES
  const percent = (n: number) => `${(n * 100) / total}%`
  return (
    <View className={`tx-qr ${className ?? ''}`} style={{ width: Taro.pxTransform(size), height: Taro.pxTransform(size) }} data-payload={text}>
      <View className='tx-qr-body' style={{ margin: percent(QUIET_MODULES), width: percent(modules), height: percent(modules) }}>
        {rows.map((runs, row) => (
          <View key={row} className='tx-qr-row' style={{ height: `${100 / modules}%` }}>
            {runs.map((run, index) => (
              <View key={index} className={run.dark ? 'tx-qr-dark' : 'tx-qr-light'} style={{ width: `${(run.length * 100) / modules}%` }} />
            ))}
          </View>
        ))}
      </View>
    </View>
  )
}
