/**
 * `npm run rebuild-stats [-- --cloud]`: recounts the dashboard's roll-ups
 * (lib/stats) from every document, for a database that has documents the
 * domains did not write (an import, a database from before the roll-ups, a
 * roll-up `npm run audit` found wrong). Run it while nobody writes.
 *
 * Community by community in `_id` order, each read with cursor paging; it
 * records the last community done in `jobRuns` (`scripts:rebuild-stats`) and
 * a run that is stopped resumes after it (`--restart` starts over). Works on
 * the local database (DATA_DIR) by default; with --cloud on the CloudBase
 * environment in TCB_ENV_ID.
 */
import { parseArgs } from 'node:util'
import { rebuildStats } from '../cloudfunctions/lib/dashboard/recount'
import { openScriptDatabase } from './open-database'

const { values } = parseArgs({ options: { cloud: { type: 'boolean', default: false }, restart: { type: 'boolean', default: false } } })
const CHECKPOINT = 'scripts:rebuild-stats'
/** One community per step, so the checkpoint is never more than one community behind. */
const STEP_MS = 1

const openDatabase = () => openScriptDatabase(values.cloud)

async function main(): Promise<void> {
  const { db, where, close } = await openDatabase()
  try {
    const runs = db.collection<{ _id: string; after?: string | null }>('jobRuns')
    const saved = values.restart ? null : ((await runs.doc(CHECKPOINT).get()).data[0]?.after ?? null)
    console.log(`recounting the roll-ups of ${where}${saved ? ` after ${saved} (a stopped run; --restart starts over)` : ''}`)
    const started = Date.now()
    let progress = { after: saved, rebuilt: 0, done: false }
    while (!progress.done) {
      const step = await rebuildStats(db, { from: progress.after, deadline: Date.now() + STEP_MS })
      progress = { after: step.after, rebuilt: progress.rebuilt + step.rebuilt, done: step.done }
      await runs.doc(CHECKPOINT).set({ fn: 'scripts', job: 'rebuild-stats', after: progress.done ? null : progress.after, updatedAt: new Date() })
      if (step.rebuilt) console.log(`  … ${progress.after}`)
    }
    console.log(`recounted ${progress.rebuilt} communities in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  } finally {
    close()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(2)
})
