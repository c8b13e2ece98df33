/**
 * The database a maintenance script works on: CloudBase with `--cloud`
 * (TCB_ENV_ID and the key pair), else the local file in DATA_DIR, which must
 * exist — opening a missing path would create an empty database and pass.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from '../cloudfunctions/lib/db/types'
import { dataDir } from './paths'

export async function openScriptDatabase(cloud: boolean): Promise<{ db: Database; where: string; close(): void }> {
  if (cloud) {
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
