/**
 * `npm run admin -- <command>`: bootstrap what no one in the app can grant yet.
 *
 *   add-district <name> [--id ID]
 *   add-community <name> --district ID [--address TEXT] [--id ID]
 *   grant --user USER_ID|OPENID --role district_admin|staff|member|liaison --scope ID [--reason TEXT]
 *   revoke --user USER_ID|OPENID --role ROLE --scope ID
 *   roles --user USER_ID|OPENID
 *
 * Works on the local database (DATA_DIR) by default; with --cloud on the
 * CloudBase environment in TCB_ENV_ID, using TENCENTCLOUD_SECRETID/SECRETKEY.
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { DbErrorCode, isDbError, type Database } from '../cloudfunctions/lib/db/types'
import { grantableRoles, roleDocId, type GrantedRole, type RoleDoc, type UserDoc } from '../cloudfunctions/lib/users/model'
import { dataDir } from './paths'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    cloud: { type: 'boolean', default: false },
    id: { type: 'string' },
    district: { type: 'string' },
    address: { type: 'string', default: '' },
    user: { type: 'string' },
    role: { type: 'string' },
    scope: { type: 'string' },
    reason: { type: 'string', default: 'bootstrap' },
  },
})

async function openDatabase(): Promise<{ db: Database; close(): void }> {
  if (values.cloud) {
    const { TCB_ENV_ID: env, TENCENTCLOUD_SECRETID: secretId, TENCENTCLOUD_SECRETKEY: secretKey } = process.env
    if (!env || !secretId || !secretKey) throw new Error('--cloud needs TCB_ENV_ID, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY')
    const tcb = await import('@cloudbase/node-sdk')
    return { db: tcb.init({ env, secretId, secretKey }).database() as unknown as Database, close() {} }
  }
  const { openLocalDatabase } = await import('../cloudfunctions/lib/db/local')
  mkdirSync(dataDir, { recursive: true })
  const db = openLocalDatabase({ file: join(dataDir, 'tongxin.db') })
  return { db, close: () => db.close() }
}

async function resolveUser(db: Database, idOrOpenid: string): Promise<UserDoc> {
  const byId = await db.collection<UserDoc>('users').doc(idOrOpenid).get()
  if (byId.data[0]) return byId.data[0]
  const byOpenid = await db.collection<UserDoc>('users').where({ openid: idOrOpenid }).limit(1).get()
  if (byOpenid.data[0]) return byOpenid.data[0]
  throw new Error(`No registered user ${idOrOpenid}: the person must open the app and register first.`)
}

function required(name: keyof typeof values): string {
  const value = values[name]
  if (typeof value !== 'string' || value === '') throw new Error(`--${name} is required`)
  return value
}

function parseRole(value: string): GrantedRole {
  if (!(grantableRoles as readonly string[]).includes(value)) throw new Error(`--role must be one of ${grantableRoles.join(', ')}`)
  return value as GrantedRole
}

async function run(db: Database, command: string | undefined): Promise<string> {
  const now = new Date()
  switch (command) {
    case 'add-district': {
      const name = positionals[1]
      if (!name) throw new Error('add-district <name>')
      const { id } = await db.collection('districts').add({ _id: values.id ?? `d-${randomUUID().slice(0, 8)}`, name, createdAt: now })
      return `district ${id} ${name}`
    }
    case 'add-community': {
      const name = positionals[1]
      if (!name) throw new Error('add-community <name> --district ID')
      const districtId = required('district')
      const district = await db.collection('districts').doc(districtId).get()
      if (!district.data[0]) throw new Error(`No district ${districtId}`)
      const { id } = await db
        .collection('communities')
        .add({ _id: values.id ?? `c-${randomUUID().slice(0, 8)}`, districtId, name, address: values.address, createdAt: now })
      return `community ${id} ${name} in ${districtId}`
    }
    case 'grant': {
      const user = await resolveUser(db, required('user'))
      const role = parseRole(required('role'))
      const scopeId = required('scope')
      const grant: RoleDoc = { _id: roleDocId(scopeId, user._id, role), userId: user._id, role, scopeId, grantedBy: 'cli', createdAt: now }
      try {
        await db.collection<RoleDoc>('roles').add(grant)
      } catch (error) {
        if (isDbError(error, DbErrorCode.DUPLICATE_WRITE)) return `${user.name} already has ${role} in ${scopeId}`
        throw error
      }
      await db.collection('audit').add({
        kind: 'role.grant',
        actorId: 'cli',
        targetId: user._id,
        communityId: null,
        detail: { role, scopeId },
        reason: values.reason,
        requestId: 'cli',
        createdAt: now,
      })
      return `granted ${role} in ${scopeId} to ${user.name} (${user._id})`
    }
    case 'revoke': {
      const user = await resolveUser(db, required('user'))
      const role = parseRole(required('role'))
      const { deleted } = await db.collection('roles').doc(roleDocId(required('scope'), user._id, role)).remove()
      return deleted ? `revoked ${role} from ${user.name}` : `${user.name} did not have that role`
    }
    case 'roles': {
      const user = await resolveUser(db, required('user'))
      const grants = await db.collection<RoleDoc>('roles').where({ userId: user._id }).limit(200).get()
      return [`${user.name} (${user._id}), community ${user.communityId}:`, ...grants.data.map((grant) => `  ${grant.role} in ${grant.scopeId}`)].join('\n')
    }
    default:
      throw new Error('usage: npm run admin -- add-district|add-community|grant|revoke|roles … (see scripts/admin.ts)')
  }
}

async function main() {
  const { db, close } = await openDatabase()
  try {
    console.log(await run(db, positionals[0]))
  } finally {
    close()
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
