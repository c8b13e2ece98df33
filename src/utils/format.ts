/**
 * Dates arrive as ISO strings in UTC; residents read them in China time
 * whatever the phone's zone is set to. The app's one copy of the offset: the
 * build compiles only src/, so it cannot share cloudfunctions/lib/shared/china-time.ts.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

const pad = (n: number) => String(n).padStart(2, '0')

function chinaParts(iso: string) {
  const time = Date.parse(iso)
  if (Number.isNaN(time)) return null
  const d = new Date(time + CHINA_OFFSET_MS)
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, day: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes() }
}

/** 11月23日 14:00 */
export function formatDateTime(iso: string): string {
  const p = chinaParts(iso)
  return p ? `${p.m}月${p.day}日 ${pad(p.h)}:${pad(p.min)}` : ''
}

/** 2026-11-23 */
export function formatDate(iso: string): string {
  const p = chinaParts(iso)
  return p ? `${p.y}-${pad(p.m)}-${pad(p.day)}` : ''
}

/** Today in China as 'YYYY-MM-DD', whatever the phone's zone. */
export const chinaToday = (): string => formatDate(new Date().toISOString())

/** 11月23日 14:00–16:00, or both dates when the activity spans days. */
export function formatTimeRange(startIso: string, endIso: string): string {
  const start = chinaParts(startIso)
  const end = chinaParts(endIso)
  if (!start || !end) return formatDateTime(startIso)
  const sameDay = start.y === end.y && start.m === end.m && start.day === end.day
  return sameDay ? `${formatDateTime(startIso)}–${pad(end.h)}:${pad(end.min)}` : `${formatDateTime(startIso)} – ${formatDateTime(endIso)}`
}

/** 2.5 小时: hours are kept to 0.01 by the ledger; trailing zeros say nothing. */
export function formatHours(hours: number): string {
  return `${Number(hours.toFixed(2))} 小时`
}

/** Whole seconds until `iso`, never negative: what a countdown shows. */
export function secondsUntil(iso: string, now: number): number {
  const time = Date.parse(iso)
  if (Number.isNaN(time)) return 0
  return Math.max(0, Math.ceil((time - now) / 1000))
}
