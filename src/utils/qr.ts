import qrcode from 'qrcode-generator'

/** A stretch of same-coloured modules in one row of a QR code. */
export interface QrRun {
  dark: boolean
  length: number
}

/**
 * A QR code as rows of runs. Drawn as Views (no canvas), so it looks the same
 * in the mini-program and on H5; runs instead of one View per module keep a
 * 29 × 29 code to a few hundred nodes rather than 841.
 *
 * Level M: a phone screen under a scanner survives some glare and scratches.
 */
export function qrRows(text: string): QrRun[][] {
  const code = qrcode(0, 'M')
  code.addData(text, 'Byte')
  code.make()
  const size = code.getModuleCount()
  const rows: QrRun[][] = []
  for (let row = 0; row < size; row += 1) {
    const runs: QrRun[] = []
    for (let col = 0; col < size; col += 1) {
      const dark = code.isDark(row, col)
      const last = runs[runs.length - 1]
      if (last && last.dark === dark) last.length += 1
      else runs.push({ dark, length: 1 })
    }
    rows.push(runs)
  }
  return rows
}
