/**
 * The heavy jobs at 街道 scale, with every database call paying a round trip
 * (TONGXIN_DB_LATENCY_MS, default 15 ms here): seeds `npm run seed:district`
 * once into a temporary directory (or uses `--dir` with a seeded database),
 * then runs in-process, through the same `invoke` and timer code CloudBase
 * runs:
 *   - the reminders tick at 08:01 Beijing (its `daily` job), and the
 *     delivery ticks after it against the morning's queue;
 *   - activities.confirm of 200 people, calling again with `remaining`;
 *   - dashboard.overview for the 街道's year and month, and one community's year;
 *   - dashboard.export for the 街道's month;
 *   - members.exportRoster of a community of 2,000 residents.
 * Each line: wall time, database calls and waves (steps on the critical path).
 * Figures, not a test. `npm run bench` runs it after the per-action section;
 * `npx tsx scripts/bench-district.ts [--dir <seeded dir>]` alone.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { activitiesFunction } from '../cloudfunctions/activities'
import { dashboardFunction } from '../cloudfunctions/dashboard'
import { localContentChecker } from '../cloudfunctions/lib/content'
import { instrumentDatabase, newMeter, type DbMeter } from '../cloudfunctions/lib/db/instrument'
import { openLocalDatabase, type LocalDatabase } from '../cloudfunctions/lib/db/local'
import { BENCH_ACTIVITY_ID, communityIdOf, DISTRICT_ID, staffIdOf } from '../cloudfunctions/lib/demo/district'
import type { AnyAction, FunctionDef } from '../cloudfunctions/lib/runtime/action'
import { invoke } from '../cloudfunctions/lib/runtime/invoke'
import { silentLogger } from '../cloudfunctions/lib/runtime/logger'
import { runTick, type JobOutcome } from '../cloudfunctions/lib/runtime/timers'
import { chinaDate, chinaMonth, chinaYear, instantOf } from '../cloudfunctions/lib/shared/china-time'
import { membersFunction } from '../cloudfunctions/members'
import { remindersFunction } from '../cloudfunctions/reminders'
import { seedDistrict } from './seed-district'

const LATENCY_MS = Number(process.env.TONGXIN_DB_LATENCY_MS ?? 15)

interface Run {
  ms: number
  meter: DbMeter
}

const line = (label: string, run: Run, extra = ''): string =>
  `  ${label.padEnd(38)} ${(run.ms / 1000).toFixed(2).padStart(6)} s   ${String(run.meter.calls).padStart(6)} calls   ${String(run.meter.waves).padStart(5)} waves${extra ? `   ${extra}` : ''}`

async function metered<R>(db: LocalDatabase, body: (db: ReturnType<typeof instrumentDatabase>) => Promise<R>): Promise<Run & { result: R }> {
  const meter = newMeter()
  const started = performance.now()
  const result = await body(instrumentDatabase(db, { latencyMs: LATENCY_MS, meter }))
  return { ms: performance.now() - started, meter, result }
}

export async function benchDistrict(options: { dir?: string } = {}): Promise<void> {
  // 08:01 Beijing today: the reminders' daily job is due, and the seed's year ends now.
  const now = instantOf(chinaDate(new Date()), '08:01')
  // The copies each job runs on (and the seed, unless one is given) live here and go when the bench ends.
  const temp = mkdtempSync(join(tmpdir(), 'tongxin-district-'))
  const dir = options.dir ?? join(temp, 'seeded')
  try {
    console.log(`\n街道 scale: 10 communities × 2,000 residents × a year, ${LATENCY_MS} ms a database call`)
    if (!options.dir) {
      const seeded = await seedDistrict({ dir, now, quiet: true })
      const total = Object.values(seeded.counts).reduce((sum, n) => sum + n, 0)
      console.log(`  seed:district                          ${(seeded.ms / 1000).toFixed(2).padStart(6)} s   ${total} documents`)
    }
    // Each job runs on its own copy, so one job's writes never flatter another's figures.
    const copy = (name: string): LocalDatabase => {
      const target = join(temp, name)
      cpSync(dir, target, { recursive: true })
      return openLocalDatabase({ file: join(target, 'tongxin.db') })
    }
    const clock = () => now
    const contentCheck = localContentChecker(dir)
    const call = (db: ReturnType<typeof instrumentDatabase>, fn: FunctionDef<Record<string, AnyAction>>, openid: string, action: string, data: unknown) =>
      invoke(fn, { action, data }, { db, openid, log: silentLogger, now: clock, signingKey: 'bench', contentCheck })

    // ---------------------------------------------------------------- reminders
    {
      const db = copy('reminders')
      const tick = await metered(db, (inst) => runTick(remindersFunction, { db: inst, log: silentLogger, now: clock }))
      const daily = tick.result.ok ? (tick.result.data.daily as JobOutcome) : null
      console.log(line('reminders tick 08:01 (daily)', tick, daily?.status === 'ran' ? JSON.stringify(daily.counts) : JSON.stringify(tick.result)))
      const queued = async () => (await db.collection('reminders').where({ status: 'queued' }).count()).total
      let at = now
      const before = await queued()
      for (let n = 1; n <= 3 && (await queued()) > 0; n += 1) {
        at = new Date(at.getTime() + 5 * 60 * 1000)
        const when = at
        const deliver = await metered(db, (inst) => runTick(remindersFunction, { db: inst, log: silentLogger, now: () => when }))
        const outcome = deliver.result.ok ? (deliver.result.data.deliver as JobOutcome) : null
        const handled = outcome?.status === 'ran' ? Object.entries(outcome.counts).filter(([key]) => key !== 'left').reduce((sum, [, n]) => sum + n, 0) : 0
        console.log(line(`reminders tick +${n * 5} min (deliver)`, deliver, `queue ${n === 1 ? before : '…'} → delivered ${handled}, ${await queued()} left`))
      }
      db.close()
    }

    // ---------------------------------------------------------------- confirm 200
    {
      const db = copy('confirm')
      const userIds = (await db.collection<{ _id: string; userId: string }>('enrollments').where({ activityId: BENCH_ACTIVITY_ID }).limit(1000).get()).data.map((row) => row.userId)
      const staff = `openid-${staffIdOf(communityIdOf(0))}`
      let remaining = userIds
      const results: Record<string, number> = {}
      const calls: string[] = []
      const run = await metered(db, async (inst) => {
        for (let n = 0; n < 20 && remaining.length > 0; n += 1) {
          const t0 = performance.now()
          const answer = await call(inst, activitiesFunction, staff, 'confirm', { activityId: BENCH_ACTIVITY_ID, userIds: remaining })
          if (!answer.ok) {
            calls.push(`${answer.error.code} after ${((performance.now() - t0) / 1000).toFixed(1)} s`)
            break
          }
          const data = answer.data as { results: Array<{ result: string }>; remaining?: string[] }
          for (const row of data.results) results[row.result] = (results[row.result] ?? 0) + 1
          calls.push(`${data.results.length} in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
          remaining = data.remaining ?? []
        }
      })
      console.log(line(`activities.confirm ${userIds.length} people`, run, `${calls.length} call(s): ${calls.join(', ')}; ${JSON.stringify(results)}`))
      db.close()
    }

    // ---------------------------------------------------------------- dashboard and exports (read only: one copy)
    {
      const db = copy('reads')
      const admin = 'openid-district-admin'
      const staff = `openid-${staffIdOf(communityIdOf(0))}`
      const year = chinaYear(now)
      const month = chinaMonth(now)
      const reads: Array<[string, FunctionDef<Record<string, AnyAction>>, string, string, unknown]> = [
        ['dashboard.overview 街道 year', dashboardFunction, admin, 'overview', { districtId: DISTRICT_ID, period: { kind: 'year', year } }],
        ['dashboard.overview 街道 month', dashboardFunction, admin, 'overview', { districtId: DISTRICT_ID, period: { kind: 'month', month } }],
        ['dashboard.overview community year', dashboardFunction, staff, 'overview', { communityId: communityIdOf(0), period: { kind: 'year', year } }],
        ['dashboard.export 街道 month', dashboardFunction, admin, 'export', { districtId: DISTRICT_ID, period: { kind: 'month', month } }],
        ['members.exportRoster (2,000 residents)', membersFunction, staff, 'exportRoster', { communityId: communityIdOf(0) }],
      ]
      for (const [label, fn, openid, action, data] of reads) {
        const run = await metered(db, (inst) => call(inst, fn, openid, action, data))
        const peak = run.meter.peakInFlight ?? 0
        const answer = run.result
        console.log(line(label, run, answer.ok ? `peak ${peak} in flight` : `${answer.error.code}: ${answer.error.message}`))
      }
      db.close()
    }
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }
}

if (require.main === module) {
  const { values } = parseArgs({ options: { dir: { type: 'string' } } })
  benchDistrict({ dir: values.dir }).catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
