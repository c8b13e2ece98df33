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
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { rebuildStats } from '../cloudfunctions/lib/dashboard/recount'
import type { Database } from '../cloudfunctions/lib/db/types'
import { dataDir } from './paths'

const { values } = parseArgs({ options: { cloud: { type: 'boolean', default: false }, restart: { type: 'boolean', default: false } } })
const CHECKPOINT = 'scripts:rebuild-stats'
/** One community per step, so the checkpoint is never more than one community behind. */
const STEP_MS = 1

async function openDatabase(): Promise<{ db: Database; where: string; close(): void }> {
  if (values.cloud) {
    const { TCB_ENV_ID: env, TENCENTCLOUD_SECRETID: secretId, TENCENTCLOUD_SECRETKEY: secretKey } = process.env
    if (!env || !secretId || !secretKey) throw new Error('--cloud needs TCB_ENV_ID, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY')
    const tcb = await import('@cloudbase/node-sdk')
    return { db: tcb.init({ env, secretId, secretKey }).database() as unknown as Database, where: `CloudBase ${env}`, close() {} }
  }
  const file = join(dataDir, 'tongxin.db')
  if (!existsSync(file)) throw new Error(`No local database at ${file}: start the app once (npm start) or set DATA_DIR`)
  const { openLocalDatabase } = await import('../cloudfunctions/lib/db/local')
  const db = openLocalDatabase({ file })
  return { db, where: file, close: () => db.close() }
}

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
