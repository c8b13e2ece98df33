export interface Bar {
  label: string
  value: number
}

export interface ScaledBar extends Bar {
  /** Share of the track this bar fills, 0–100; the largest value fills it. */
  percent: number
}

/**
 * Scales bars against the largest value. A non-zero value keeps a sliver
 * (2%) so it never looks the same as none; negative or missing counts are 0.
 */
export function scaleBars(bars: readonly Bar[]): ScaledBar[] {
  const values = bars.map((bar) => (Number.isFinite(bar.value) && bar.value > 0 ? bar.value : 0))
  const max = Math.max(0, ...values)
  return bars.map((bar, i) => {
    const value = values[i]
    const percent = max === 0 || value === 0 ? 0 : Math.max(2, Math.round((value / max) * 100))
    return { label: bar.label, value, percent }
  })
}
