/**
 * `npm run audit`: proves the ledger — every account equals the sum of its
 * entries, no negative balance or stock, held points match held
 * redemptions, at most one active claim per wish, at most `maxClaims` claims
 * per demand each with one linked commitment, and the dashboard's roll-ups
 * (lib/stats) equal to a recount of every document. Prints what it checked;
 * exits 1 on any mismatch (a roll-up's: `npm run rebuild-stats` repairs it).
 *
 * Works on the local database (DATA_DIR) by default; with --cloud on the
 * CloudBase environment in TCB_ENV_ID, using TENCENTCLOUD_SECRETID/SECRETKEY.
 * Run it while nobody is redeeming: it reads collection by collection, so a
 * change in between can show as a mismatch.
 */
import { parseArgs } from 'node:util'
import { auditStats } from '../cloudfunctions/lib/dashboard/recount'
import { auditLedger, formatAuditReport } from '../cloudfunctions/lib/points/audit'
import { openScriptDatabase } from './open-database'

const { values } = parseArgs({ options: { cloud: { type: 'boolean', default: false } } })

const openDatabase = () => openScriptDatabase(values.cloud)

async function main(): Promise<number> {
  const { db, where, close } = await openDatabase()
  try {
    console.log(`auditing ${where}`)
    const report = await auditLedger(db)
    console.log(formatAuditReport(report))
    const stats = await auditStats(db)
    console.log(`checked the roll-ups of ${stats.communities} communities over ${stats.months} months and ${stats.participations} participation markers against a recount of every document`)
    for (const problem of stats.problems.slice(0, 50)) console.log(`problem: ${problem}`)
    if (stats.problems.length > 50) console.log(`… and ${stats.problems.length - 50} more`)
    console.log(stats.problems.length ? 'roll-ups differ: npm run rebuild-stats recounts them' : 'roll-ups match')
    return report.ok && stats.problems.length === 0 ? 0 : 1
  } finally {
    close()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(2)
  },
)
