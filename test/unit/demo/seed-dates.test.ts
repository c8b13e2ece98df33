/**
 * The demo seed on any date: `npm start` on the 1st of a month, on 1 January
 * or at midnight must still show a lived-in community. Each case seeds a
 * fresh database at a pinned clock and reads it back through the real
 * functions with that clock injected.
 */
import fc from 'fast-check'
import { dashboardFunction } from '../../../cloudfunctions/dashboard'
import { openLocalDatabase, type LocalDatabase } from '../../../cloudfunctions/lib/db/local'
import { schema } from '../../../cloudfunctions/lib/db/schema'
import type { BaseDoc } from '../../../cloudfunctions/lib/db/types'
import { seedDemo } from '../../../cloudfunctions/lib/demo/seed'
import { auditLedger } from '../../../cloudfunctions/lib/points/audit'
import type { AccountDoc, EntryDoc } from '../../../cloudfunctions/lib/points/model'
import { invoke } from '../../../cloudfunctions/lib/runtime/invoke'
import { silentLogger } from '../../../cloudfunctions/lib/runtime/logger'
import { unitsFunction } from '../../../cloudfunctions/units'

const HOUR = 3600 * 1000
/** Beijing wall clock of an instant, by plain arithmetic: 'YYYY-MM-DDTHH:mm'. */
const beijing = (at: Date): string => new Date(at.getTime() + 8 * HOUR).toISOString().slice(0, 16)
/** Fields that name a time still to come (a start, a deadline, an expiry); every other date says when something happened. */
const SCHEDULED = new Set(['startAt', 'endAt', 'signupDeadline', 'deadline', 'dueAt', 'claimDueAt', 'expiresAt'])
const MONTHS = ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月']

async function seededAt(now: Date): Promise<LocalDatabase> {
  const db = openLocalDatabase({ file: ':memory:' })
  await seedDemo(db, now)
  return db
}

async function everyDoc(db: LocalDatabase): Promise<Array<[collection: string, doc: BaseDoc & Record<string, unknown>]>> {
  const docs: Array<[string, BaseDoc & Record<string, unknown>]> = []
  for (const collection of Object.keys(schema)) {
    for (const doc of (await db.collection<BaseDoc & Record<string, unknown>>(collection).limit(1000).get()).data) docs.push([collection, doc])
  }
  return docs
}

/** 'collection/_id: path = time' for every past-tense date after `now`. */
function happenedLater(collection: string, doc: BaseDoc, now: Date): string[] {
  const found: string[] = []
  const walk = (value: unknown, path: string, key: string) => {
    if (value instanceof Date) {
      if (!SCHEDULED.has(key) && value.getTime() > now.getTime()) found.push(`${collection}/${doc._id}: ${path} = ${beijing(value)}`)
    } else if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${path}[${index}]`, key))
    else if (value && typeof value === 'object') for (const [name, item] of Object.entries(value)) walk(item, path ? `${path}.${name}` : name, name)
  }
  walk(doc, '', '')
  return found
}

/** Everything the seed must get right at `now`; returns what went wrong, so one report shows all of it. */
async function problemsAt(now: Date): Promise<string[]> {
  const db = await seededAt(now)
  try {
    const problems: string[] = []
    const docs = await everyDoc(db)
    for (const [collection, doc] of docs) problems.push(...happenedLater(collection, doc, now))

    for (const [, activity] of docs.filter(([collection]) => collection === 'activities')) {
      const startAt = activity.startAt as Date
      const [date, time] = beijing(startAt).split('T')
      if (!/^(0[89]|1\d):(00|30)$/.test(time)) problems.push(`activity ${activity._id} starts at ${time} Beijing time`)
      const named = String(activity.title).match(/(十[一二]?|[一二三四五六七八九])月/)
      if (named && named[0] !== MONTHS[Number(date.slice(5, 7)) - 1]) problems.push(`activity ${activity._id} 「${activity.title}」 is on ${date}`)
    }

    // 积分明细 in time order: each entry's balance is the one before plus its amount, ending at the account's.
    const entries = docs.filter(([collection]) => collection === 'entries').map(([, doc]) => doc as unknown as EntryDoc)
    for (const [, account] of docs.filter(([collection]) => collection === 'accounts') as unknown as Array<[string, AccountDoc]>) {
      const own = entries.filter((entry) => entry.accountId === account._id).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      let available = 0
      let held = 0
      own.forEach((entry, index) => {
        if (index > 0 && entry.createdAt.getTime() === own[index - 1].createdAt.getTime()) problems.push(`${entry._id} shares its time with ${own[index - 1]._id}`)
        available += entry.amount
        held += entry.heldChange
        if (entry.availableAfter !== available || entry.heldAfter !== held) problems.push(`${entry._id}: ${entry.amount} shows balance ${entry.availableAfter}/${entry.heldAfter}, adds up to ${available}/${held}`)
      })
      if (available !== account.available || held !== account.held) problems.push(`${account._id}: entries add up to ${available}/${held}, account says ${account.available}/${account.held}`)
    }
    const audit = await auditLedger(db)
    problems.push(...audit.problems.map((problem) => `audit: ${problem}`))

    const call = (fn: typeof dashboardFunction | typeof unitsFunction, action: string, data: Record<string, unknown>) =>
      invoke(fn, { action, data }, { db, openid: 'demo-staff', log: silentLogger, now: () => now, signingKey: null, contentCheck: async () => true })
    const month = beijing(now).slice(0, 7)
    const overview = (await call(dashboardFunction, 'overview', { communityId: 'c-xingfu', period: { kind: 'month', month } })) as { ok: boolean; data: { figures: Record<string, number> } }
    if (!overview.ok) problems.push(`dashboard: ${JSON.stringify(overview)}`)
    else {
      const { attendances, participants, volunteerHours, pointsIssued } = overview.data.figures
      if (!(attendances > 0 && participants > 0 && volunteerHours > 0 && pointsIssued > 0)) problems.push(`this month's dashboard is empty: ${JSON.stringify(overview.data.figures)}`)
    }
    const report = (await call(unitsFunction, 'report', { communityId: 'c-xingfu', year: Number(month.slice(0, 4)) })) as { ok: boolean; data: { demands: { published: number } } }
    if (!report.ok || report.data.demands.published !== 2) problems.push(`this year's 共建台账 misses the seeded demands: ${JSON.stringify(report)}`)
    return problems
  } finally {
    db.close()
  }
}

describe('demo seed on any date', () => {
  it.each([
    ['00:05 on 1 January', '2026-12-31T16:05:00Z'],
    ['00:05 on 1 March', '2027-02-28T16:05:00Z'],
    ['the first minute of a month', '2027-02-28T16:00:30Z'],
    ['10:30 on the 1st', '2027-03-01T02:30:00Z'],
    ['noon on the 1st', '2027-03-01T04:00:00Z'],
    ['23:59 on the last day of a month', '2026-11-30T15:59:00Z'],
    ['a leap day', '2028-02-29T01:00:00Z'],
    ['an afternoon mid-month', '2026-11-23T07:00:00Z'],
  ])('should look alive and add up when seeded at %s (Beijing time)', async (_label, instant) => {
    expect(await problemsAt(new Date(instant))).toEqual([])
  })

  it('should look alive and add up when seeded at any instant', async () => {
    await fc.assert(
      fc.asyncProperty(fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2040-12-31T23:59:59Z'), noInvalidDate: true }), async (now) => {
        expect(await problemsAt(now)).toEqual([])
      }),
      { numRuns: 25 },
    )
  })
})
