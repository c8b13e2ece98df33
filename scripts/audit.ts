/**
 * `npm run audit`: proves the ledger — every account equals the sum of its
 * entries, no negative balance or stock, held points match held
 * redemptions, at most one active claim per wish, at most `maxClaims` claims
 * per demand each with one linked commitment. Prints what it checked; exits 1
 * on any mismatch.
 *
 * Works on the local database (DATA_DIR) by default; with --cloud on the
 * CloudBase environment in TCB_ENV_ID, using TENCENTCLOUD_SECRETID/SECRETKEY.
 * Run it while nobody is redeeming: it reads collection by collection, so a
 * change in between can show as a mismatch.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { Database } from '../cloudfunctions/lib/db/types'
import { auditLedger, formatAuditReport } from '../cloudfunctions/lib/points/audit'
import { dataDir } from './paths'

const { values } = parseArgs({ options: { cloud: { type: 'boolean', default: false } } })

async function openDatabase(): Promise<{ db: Database; where: string; close(): void }> {
  if (values.cloud) {
    const { TCB_ENV_ID: env, TENCENTCLOUD_SECRETID: secretId, TENCENTCLOUD_SECRETKEY: secretKey } = process.env
    if (!env || !secretId || !secretKey) throw new Error('--cloud needs TCB_ENV_ID, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY')
    const tcb = await import('@cloudbase/node-sdk')
    return { db: tcb.init({ env, secretId, secretKey }).database() as unknown as Database, where: `CloudBase ${env}`, close() {} }
  }
  const file = join(dataDir, 'tongxin.db')
  // Auditing a path that does not exist would create an empty database and pass.
  if (!existsSync(file)) throw new Error(`No local database at ${file}: start the app once (npm start) or set DATA_DIR`)
  const { openLocalDatabase } = await import('../cloudfunctions/lib/db/local')
  const db = openLocalDatabase({ file })
  return { db, where: file, close: () => db.close() }
}

async function main(): Promise<number> {
  const { db, where, close } = await openDatabase()
  try {
    console.log(`auditing ${where}`)
    const report = await auditLedger(db)
    console.log(formatAuditReport(report))
    return report.ok ? 0 : 1
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
