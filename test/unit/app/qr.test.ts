import qrcode from 'qrcode-generator'
import { qrRows } from '@/utils/qr'

const payload = 'tongxin:checkin:a-party-day:042917'

/** Expands runs back into modules, to compare with the library's own matrix. */
const expand = (runs: Array<{ dark: boolean; length: number }>) => runs.flatMap((run) => Array.from({ length: run.length }, () => run.dark))

describe('qrRows', () => {
  it('should draw exactly the modules of the QR code, row by row', () => {
    const code = qrcode(0, 'M')
    code.addData(payload, 'Byte')
    code.make()
    const size = code.getModuleCount()
    const rows = qrRows(payload)
    expect(rows).toHaveLength(size)
    rows.forEach((runs, row) => {
      expect(expand(runs)).toEqual(Array.from({ length: size }, (_, col) => code.isDark(row, col)))
    })
  })

  it('should merge neighbours of one colour, so no two adjacent runs match', () => {
    for (const runs of qrRows(payload)) {
      runs.slice(1).forEach((run, index) => expect(run.dark).not.toBe(runs[index].dark))
    }
  })

  it('should start every row of the finder pattern dark, as a scanner expects', () => {
    const rows = qrRows(payload)
    expect(rows[0][0]).toEqual({ dark: true, length: 7 })
  })

  it('should give different codes for different payloads', () => {
    expect(qrRows(payload)).not.toEqual(qrRows('tongxin:checkin:a-party-day:042918'))
  })
})
