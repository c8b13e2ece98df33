/**
 * 星级认定: 1–5 stars at the community's thresholds (default 100 / 300 / 600 /
 * 1000 / 1500 h, the national practice). A threshold is reached at exactly its
 * hours: 99.5 h is no star, 100 h is one. Pure, so the boundaries are unit-tested.
 */

export interface StarLevel {
  /** 0 (no star yet) to 5. */
  star: number
  /** Hours of the next star, null at five stars. */
  nextStarHours: number | null
}

export function starFor(hours: number, thresholds: readonly number[]): StarLevel {
  // Hours are kept to 0.01 h; compare in hundredths so 99.999… from float sums never reads as 100.
  const hundredths = Math.round(hours * 100)
  let star = 0
  for (const threshold of thresholds) {
    if (hundredths >= Math.round(threshold * 100)) star += 1
    else break
  }
  return { star, nextStarHours: star < thresholds.length ? thresholds[star] : null }
}

/** 一星志愿者 … 五星志愿者. */
export const starLabel = (star: number): string => (star === 0 ? '尚未评星' : `${['一', '二', '三', '四', '五'][star - 1]}星志愿者`)

export interface Badge {
  key: string
  label: string
  earned: boolean
}

/** Milestones of service, shown as badges; each is earned by a figure the ledger already holds. */
export function badgesFor(figures: { hours: number; attendances: number; monthStars: number; yearStars: number }): Badge[] {
  return [
    { key: 'first', label: '初次服务', earned: figures.attendances >= 1 },
    { key: 'ten_activities', label: '服务十次', earned: figures.attendances >= 10 },
    { key: 'hours_10', label: '服务满10小时', earned: figures.hours >= 10 },
    { key: 'hours_50', label: '服务满50小时', earned: figures.hours >= 50 },
    { key: 'hours_100', label: '服务满100小时', earned: figures.hours >= 100 },
    { key: 'month_star', label: '月度之星', earned: figures.monthStars > 0 },
    { key: 'year_star', label: '年度之星', earned: figures.yearStars > 0 },
  ]
}
