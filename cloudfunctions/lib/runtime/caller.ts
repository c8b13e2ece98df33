import type { Database } from '../db/types'
import type { CommunityDoc, Role, RoleDoc, UserDoc } from '../users/model'

/** Who is calling, as the platform says, with their registration and grants. */
export interface Caller {
  openid: string | null
  user: UserDoc | null
  grants: RoleDoc[]
}

export const anonymousCaller: Caller = { openid: null, user: null, grants: [] }

/** A person holds few grants; this bound only guards against a runaway loop. */
const MAX_GRANTS = 200

export async function loadCaller(db: Database, openid: string | null): Promise<Caller> {
  if (!openid) return anonymousCaller
  const users = await db.collection<UserDoc>('users').where({ openid }).limit(1).get()
  const user = users.data[0] ?? null
  if (!user) return { openid, user: null, grants: [] }
  const grants = await db.collection<RoleDoc>('roles').where({ userId: user._id }).limit(MAX_GRANTS).get()
  return { openid, user, grants: grants.data }
}

/**
 * The caller's roles in one community. A district admin is staff in every
 * community of their district; a resident is a registered user of that
 * community.
 */
export function rolesIn(caller: Caller, community: CommunityDoc): Set<Role> {
  const roles = new Set<Role>()
  if (!caller.user) return roles
  if (caller.user.communityId === community._id) roles.add('resident')
  for (const grant of caller.grants) {
    if (grant.scopeId === community._id) roles.add(grant.role)
    if (grant.role === 'district_admin' && grant.scopeId === community.districtId) {
      roles.add('district_admin')
      roles.add('staff')
    }
  }
  return roles
}
