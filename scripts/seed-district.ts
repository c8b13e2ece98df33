/**
 * `npm run seed:district [-- --dir <path>] [--now <ISO instant>] [--communities 10] [--residents 2000]`:
 * a 街道-scale database (10 communities × 2,000 residents × a year before
 * `now`, ≈ 240k documents) in `<dir>/tongxin.db` — DATA_DIR by default. It
 * replaces a database already there. Writes straight through the local engine
 * in batches (a seed, not traffic), then computes the dashboard roll-ups;
 * prints how long each step took and how many documents of each kind.
 */
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openLocalDatabase } from '../cloudfunctions/lib/db/local'
import { recountCommunity } from '../cloudfunctions/lib/dashboard/recount'
import { buildDistrict } from '../cloudfunctions/lib/demo/district'
import { statsDocId, type ParticipationDoc } from '../cloudfunctions/lib/stats'
import type { CommunityDoc } from '../cloudfunctions/lib/users/model'
import { dataDir } from './paths'

export async function seedDistrict(options: { dir: string; now: Date; communities?: number; residents?: number; quiet?: boolean }): Promise<{ ms: number; counts: Record<string, number> }> {
  const started = Date.now()
  mkdirSync(options.dir, { recursive: true })
  for (const file of ['tongxin.db', 'tongxin.db-wal', 'tongxin.db-shm']) rmSync(join(options.dir, file), { force: true })
  const db = openLocalDatabase({ file: join(options.dir, 'tongxin.db') })
  try {
    // One SQLite write per batch; the journal is rewritten at the end, not per batch.
    db.sqlite.pragma('synchronous = OFF')
    const counts = await buildDistrict({ now: options.now, communities: options.communities, residents: options.residents }, (collection, docs) => db.insertMany(collection, docs))
    const built = Date.now()
    if (!options.quiet) console.log(`  documents written in ${((built - started) / 1000).toFixed(1)} s`)
    // The dashboard's roll-ups, counted from what was written as npm run rebuild-stats does, stored in batches.
    const markers = new Map<string, ParticipationDoc>()
    counts.stats = 0
    for (const community of (await db.collection<CommunityDoc>('communities').limit(1000).get()).data) {
      const recount = await recountCommunity(db, community)
      db.insertMany('stats', [...recount.months].map(([month, counters]) => ({ _id: statsDocId(community._id, month, 0), communityId: community._id, month, shard: 0, ...counters })))
      counts.stats += recount.months.size
      for (const marker of recount.participations) markers.set(marker._id, marker)
    }
    db.insertMany('participations', [...markers.values()])
    counts.participations = markers.size
    if (!options.quiet) console.log(`  roll-ups counted in ${((Date.now() - built) / 1000).toFixed(1)} s`)
    db.sqlite.pragma('synchronous = NORMAL')
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    return { ms: Date.now() - started, counts }
  } finally {
    db.close()
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      now: { type: 'string' },
      communities: { type: 'string' },
      residents: { type: 'string' },
    },
  })
  const dir = values.dir ?? dataDir
  const now = values.now ? new Date(values.now) : new Date()
  if (Number.isNaN(now.getTime())) throw new Error(`--now is not an instant: ${values.now}`)
  console.log(`seeding a 街道 into ${dir} (now = ${now.toISOString()})`)
  const { ms, counts } = await seedDistrict({ dir, now, communities: values.communities ? Number(values.communities) : undefined, residents: values.residents ? Number(values.residents) : undefined })
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0)
  for (const [collection, n] of Object.entries(counts).sort((a, b) => b[1] - a[1])) console.log(`  ${collection.padEnd(14)} ${String(n).padStart(7)}`)
  console.log(`  ${'total'.padEnd(14)} ${String(total).padStart(7)} documents in ${(ms / 1000).toFixed(1)} s`)
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
