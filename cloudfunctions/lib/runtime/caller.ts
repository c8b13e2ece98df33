import type { Database } from '../db/types'
import type { UnitDoc } from '../units/model'
import type { CommunityDoc, Role, RoleDoc, UserDoc } from '../users/model'

/** Who is calling, as the platform says, with their registration and grants. */
export interface Caller {
  openid: string | null
  user: UserDoc | null
  grants: RoleDoc[]
  /** Active units the caller is a liaison of, with the communities each has signed with. */
  units: Array<{ unitId: string; communityIds: string[] }>
}

export const anonymousCaller: Caller = { openid: null, user: null, grants: [], units: [] }

/** A person holds few grants; this bound only guards against a runaway loop. */
const MAX_GRANTS = 200

export async function loadCaller(db: Database, openid: string | null): Promise<Caller> {
  if (!openid) return anonymousCaller
  const users = await db.collection<UserDoc>('users').where({ openid }).limit(1).get()
  const user = users.data[0] ?? null
  if (!user) return { openid, user: null, grants: [], units: [] }
  const grants = await db.collection<RoleDoc>('roles').where({ userId: user._id }).limit(MAX_GRANTS).get()
  const unitIds = grants.data.filter((grant) => grant.role === 'liaison').map((grant) => grant.scopeId)
  const units = unitIds.length
    ? await db
        .collection<UnitDoc>('units')
        .where({ _id: db.command.in(unitIds), status: 'active' })
        .limit(unitIds.length)
        .get()
    : { data: [] }
  return { openid, user, grants: grants.data, units: units.data.map((unit) => ({ unitId: unit._id, communityIds: unit.communityIds })) }
}

/**
 * The caller's roles in one community. A district admin is staff in every
 * community of their district; a resident is a registered user of that
 * community; a liaison acts in the communities their (active) unit has signed
 * a co-building agreement with. A 队长 (team_leader) holds the role only for
 * the record's own team (`scopeId`, resolved by the action from the record,
 * never from the request): leading one team gives no rights over another's
 * activities, nor over the community's.
 */
export function rolesIn(caller: Caller, community: CommunityDoc, scopeId: string | null = null): Set<Role> {
  const roles = new Set<Role>()
  if (!caller.user) return roles
  if (caller.user.communityId === community._id) roles.add('resident')
  if (caller.units.some((unit) => unit.communityIds.includes(community._id))) roles.add('liaison')
  for (const grant of caller.grants) {
    if (grant.role === 'liaison') continue
    if (grant.role === 'team_leader') {
      if (scopeId && grant.scopeId === scopeId) roles.add('team_leader')
      continue
    }
    if (grant.scopeId === community._id) roles.add(grant.role)
    if (grant.role === 'district_admin' && grant.scopeId === community.districtId) {
      roles.add('district_admin')
      roles.add('staff')
    }
  }
  return roles
}
