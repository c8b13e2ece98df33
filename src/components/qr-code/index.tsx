import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo } from 'react'
import { qrRows } from '@/utils/qr'
import './index.scss'

/** The quiet zone the QR spec asks for, in modules: scanners need the white border. */
const QUIET_MODULES = 4
const DESIGN_WIDTH = 750

/** The screen's width in px; the design ruler maps 750 onto it. */
function windowWidth(): number {
  try {
    return Taro.getSystemInfoSync().windowWidth || 375
  } catch {
    return 375
  }
}

/**
 * A QR code drawn with Views, so it looks the same in the mini-program and on
 * H5 (no canvas). Every module is a whole number of px: fractional sizes
 * left hairline gaps between rows, which a scanner may read as light modules.
 * `size` is the widest it may be, on the 750 design ruler.
 */
export default function QrCode({ text, size = 400, className }: { text: string; size?: number; className?: string }) {
  const rows = useMemo(() => qrRows(text), [text])
  const modules = rows.length
  const cell = Math.max(2, Math.floor((size * windowWidth()) / DESIGN_WIDTH / (modules + 2 * QUIET_MODULES)))
  const px = (n: number) => `${n * cell}px`
  return (
    <View className={`tx-qr ${className ?? ''}`} style={{ padding: px(QUIET_MODULES) }} data-payload={text}>
      {rows.map((runs, row) => (
        <View key={row} className='tx-qr-row' style={{ width: px(modules), height: px(1) }}>
          {runs.map((run, index) => (
            <View key={index} className={run.dark ? 'tx-qr-dark' : 'tx-qr-light'} style={{ width: px(run.length) }} />
          ))}
        </View>
      ))}
    </View>
  )
}
