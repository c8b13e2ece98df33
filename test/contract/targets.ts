/**
 * Where the contract runs: the local engine always (a fresh file per suite),
 * and a real CloudBase environment when its credentials are set. Every suite
 * is written once against the `Database` port and registered here with
 * `describeContract`.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CollectionSpec } from '../../cloudfunctions/lib/db/schema'
import type { Database, Transaction } from '../../cloudfunctions/lib/db/types'
import { openLocalDatabase } from '../../cloudfunctions/lib/db/local'
import { instrumentDatabase, latencyFromEnv } from '../../cloudfunctions/lib/db/instrument'

/**
 * The collections the contract uses. Fields come in pairs: `n`, `v`, `at`, `s`
 * are indexed (the local engine answers them in SQL), `pn`, `pv`, `pat`, `ps`
 * are not (mingo alone), and the same tests run on both.
 */
export const contractSchema = {
  things: {
    indexes: [
      { name: 'group_n', keys: [['group', 1], ['n', 1]] },
      { name: 'group_v', keys: [['group', 1], ['v', 1]] },
      { name: 'group_at', keys: [['group', 1], ['at', -1]] },
      { name: 'group_s_n', keys: [['group', 1], ['s', 1], ['n', -1]] },
    ],
  },
  members: { indexes: [{ name: 'code', keys: [['code', 1]], unique: true }] },
  /** Only the test of a missing unique field writes here: such documents collide with each other. */
  tokens: { indexes: [{ name: 'token', keys: [['token', 1]], unique: true }] },
  accounts: { indexes: [] },
  tasks: { indexes: [{ name: 'status', keys: [['status', 1]] }] },
} satisfies Record<string, CollectionSpec>

const cloudbase = {
  env: process.env.TCB_ENV_ID,
  secretId: process.env.TENCENTCLOUD_SECRETID,
  secretKey: process.env.TENCENTCLOUD_SECRETKEY,
}

export const missingCloudbaseVars = ['TCB_ENV_ID', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'].filter(
  (name) => !process.env[name],
)

export const cloudbaseConfigured = missingCloudbaseVars.length === 0

export const CLOUDBASE_SKIPPED = `CloudBase contract run skipped: ${missingCloudbaseVars.join(', ')} not set`

/** A fresh value per call, so tests never see each other's documents. */
export const uid = (prefix = ''): string => `${prefix}${randomBytes(8).toString('hex')}`

export interface Target {
  db: Database
  close(): Promise<void>
}

function openLocalTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), 'tongxin-contract-'))
  const local = openLocalDatabase({ file: join(dir, 'contract.db'), schema: contractSchema })
  // With TONGXIN_DB_LATENCY_MS every call is a round trip, as on CloudBase: races get CloudBase's windows.
  const db = instrumentDatabase(local, { latencyMs: latencyFromEnv(process.env) })
  return {
    db,
    close: async () => {
      local.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

interface CloudbaseManager {
  database: {
    createCollection(name: string): Promise<unknown>
    updateCollection(
      name: string,
      info: {
        CreateIndexes: Array<{
          IndexName: string
          MgoKeySchema: { MgoIsUnique: boolean; MgoIndexKeys: Array<{ Name: string; Direction: string }> }
        }>
      },
    ): Promise<unknown>
    deleteCollection(name: string): Promise<unknown>
  }
}

/** Collections get a per-run prefix, so parallel runs and leftovers never meet. */
function prefixed(db: Database, prefix: string): Database {
  const tx = (inner: Transaction): Transaction => ({
    collection: (name) => inner.collection(prefix + name),
    rollback: (reason) => inner.rollback(reason),
  })
  return {
    collection: (name) => db.collection(prefix + name),
    command: db.command,
    serverDate: (options) => db.serverDate(options),
    RegExp: (options) => db.RegExp(options),
    runTransaction: (fn, times) => db.runTransaction((inner) => fn(tx(inner)), times),
  }
}

export async function openCloudbaseTarget(): Promise<Target> {
  // Required lazily: the SDKs are heavy and only this target needs them.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const tcb = require('@cloudbase/node-sdk') as { init(config: object): { database(): unknown } }
  const Manager = require('@cloudbase/manager-node') as new (config: object) => CloudbaseManager
  /* eslint-enable @typescript-eslint/no-require-imports */
  const { env, secretId, secretKey } = cloudbase
  const manager = new Manager({ envId: env, secretId, secretKey })
  const prefix = `contract_${uid()}_`
  const created: string[] = []
  const close = async () => {
    for (const name of created) await manager.database.deleteCollection(name)
  }
  try {
    for (const [name, spec] of Object.entries(contractSchema) as Array<[string, CollectionSpec]>) {
      await manager.database.createCollection(prefix + name)
      created.push(prefix + name)
      if (spec.indexes.length === 0) continue
      await manager.database.updateCollection(prefix + name, {
        CreateIndexes: spec.indexes.map((index) => ({
          IndexName: index.name,
          MgoKeySchema: {
            MgoIsUnique: Boolean(index.unique),
            MgoIndexKeys: index.keys.map(([field, direction]) => ({ Name: field, Direction: String(direction) })),
          },
        })),
      })
    }
  } catch (error) {
    await close()
    throw error
  }
  const db = tcb.init({ env, secretId, secretKey }).database() as Database
  return { db: prefixed(db, prefix), close }
}

const CLOUD_TIMEOUT_MS = 120_000

/**
 * Registers `body` once per target. `db()` is the target's database, valid
 * inside tests and hooks.
 */
export function describeContract(title: string, body: (db: () => Database) => void): void {
  describe(`${title} [local engine]`, () => {
    let target: Target | undefined
    beforeAll(() => {
      target = openLocalTarget()
    })
    afterAll(() => target?.close())
    body(() => target!.db)
  })

  if (!cloudbaseConfigured) {
    describe.skip(`${title} [CloudBase] — ${CLOUDBASE_SKIPPED}`, () => {
      test('should behave as on the local engine', () => undefined)
    })
    return
  }
  describe(`${title} [CloudBase]`, () => {
    jest.setTimeout(CLOUD_TIMEOUT_MS)
    let target: Target | undefined
    beforeAll(async () => {
      target = await openCloudbaseTarget()
    }, CLOUD_TIMEOUT_MS)
    afterAll(() => target?.close(), CLOUD_TIMEOUT_MS)
    body(() => target!.db)
  })
}
