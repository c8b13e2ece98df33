/**
 * 服务队: staff create a team with its 队长; members apply and the 队长 (or
 * staff) approves, or staff add them. The 队长's rights come from a
 * `team_leader` grant scoped to the team (runtime/caller.ts rolesIn), written
 * in the same transaction as the team's `leaderId`, so the two never disagree.
 */
import { randomUUID } from 'node:crypto'
import * as z from 'zod'
import { DbErrorCode, isDbError, type Database, type Transaction } from '../db/types'
import { resolved, type ActionContext, type GuardContext, type Resolved } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { recordAudit, type AuditDoc } from '../shared/audit'
import { pageOf } from '../shared/paging'
import { nameFor } from '../shared/privacy'
import { id, paging, text, type Page } from '../shared/schemas'
import { withTransaction } from '../shared/transaction'
import { roleDocId, type RoleDoc, type UserDoc } from '../users/model'
import { teamMemberDocId, type MembershipStatus, type TeamCard, type TeamDoc, type TeamMemberDoc } from './model'

// ---------------------------------------------------------------- records and ports

export async function findTeam(db: Database, teamId: string): Promise<TeamDoc | null> {
  return (await db.collection<TeamDoc>('teams').doc(teamId).get()).data[0] ?? null
}

export async function requireTeam(db: Database, teamId: string): Promise<TeamDoc> {
  const team = await findTeam(db, teamId)
  if (!team) throw new AppError('NOT_FOUND', '服务队不存在')
  return team
}

/** The port activities use: a team may run an activity only in its own community. */
export async function requireTeamIn(db: Database, teamId: string, communityId: string): Promise<TeamDoc> {
  const team = await requireTeam(db, teamId)
  if (team.communityId !== communityId) throw new AppError('VALIDATION_FAILED', '提交的内容有误：服务队不属于该社区')
  return team
}

/** Guard: roles are checked in the team's own community; the team read here is the handler's `ctx.target`. */
export async function teamCommunity(input: { teamId: string }, { db }: GuardContext): Promise<Resolved<TeamDoc>> {
  const team = await requireTeam(db, input.teamId)
  return resolved(team.communityId, team)
}

/** Guard: the record is the team itself, so its 队长 grant counts. */
export const teamScope = (input: { teamId: string }): string => input.teamId

async function usersByIds(db: Database, userIds: string[]): Promise<Map<string, UserDoc>> {
  const unique = [...new Set(userIds)].filter(Boolean)
  if (unique.length === 0) return new Map()
  const found = await db.collection<UserDoc>('users').where({ _id: db.command.in(unique) }).limit(unique.length).get()
  return new Map(found.data.map((user) => [user._id, user]))
}

async function requireResidentOf(db: Database, userId: string, communityId: string): Promise<UserDoc> {
  const user = (await db.collection<UserDoc>('users').doc(userId).get()).data[0]
  if (!user || user.communityId !== communityId) throw new AppError('VALIDATION_FAILED', '提交的内容有误：该用户不是本社区的注册居民')
  return user
}

export function toTeamCard(team: TeamDoc, leader: UserDoc | undefined): TeamCard {
  return {
    id: team._id,
    communityId: team.communityId,
    name: team.name,
    description: team.description,
    memberCount: team.memberCount,
    leaderName: nameFor(leader?.name ?? '', null),
  }
}

// ---------------------------------------------------------------- schemas

const description = z.string().trim().max(500)

export const createInput = z.object({ communityId: id, name: text(30), description: description.default(''), leaderId: id }).strict()
export const updateInput = z.object({ teamId: id, name: text(30).optional(), description: description.optional(), leaderId: id.optional() }).strict()
export const listInput = z.object({ communityId: id.optional(), ...paging }).strict()
export const teamRef = z.object({ teamId: id }).strict()
export const reviewInput = z.object({ teamId: id, userId: id, approve: z.boolean() }).strict()
export const memberInput = z.object({ teamId: id, userId: id }).strict()
export const removeInput = z.object({ teamId: id, userId: id, reason: z.string().trim().min(2).max(200) }).strict()
export const mineInput = z.object({}).strict()

// ---------------------------------------------------------------- staff: create, update

const grantDoc = (teamId: string, userId: string, actorId: string, now: Date): Omit<RoleDoc, '_id'> => ({
  userId,
  role: 'team_leader',
  scopeId: teamId,
  grantedBy: actorId,
  createdAt: now,
})

/** The team, its 队长's active membership and grant: one transaction, so none exists without the others. */
export async function create(input: z.output<typeof createInput>, ctx: ActionContext): Promise<TeamCard> {
  const { db } = ctx
  const now = ctx.now()
  const actor = ctx.caller.user!
  const leader = await requireResidentOf(db, input.leaderId, input.communityId)
  const team: TeamDoc = {
    _id: randomUUID().replace(/-/g, ''),
    communityId: input.communityId,
    name: input.name,
    description: input.description,
    leaderId: leader._id,
    status: 'active',
    memberCount: 1,
    createdBy: actor._id,
    createdAt: now,
    updatedAt: now,
  }
  try {
    await withTransaction(db, async (tx) => {
      const { _id, ...body } = team
      const membership: Omit<TeamMemberDoc, '_id'> = {
        teamId: _id,
        communityId: team.communityId,
        userId: leader._id,
        status: 'active',
        appliedAt: now,
        joinedAt: now,
        decidedBy: actor._id,
        updatedAt: now,
      }
      // One round trip for the three writes: the transaction commits all or none.
      await Promise.all([
        tx.collection<TeamDoc>('teams').doc(_id).create(body),
        tx.collection<TeamMemberDoc>('teamMembers').doc(teamMemberDocId(_id, leader._id)).create(membership),
        tx.collection<RoleDoc>('roles').doc(roleDocId(_id, leader._id, 'team_leader')).create(grantDoc(_id, leader._id, actor._id, now)),
      ])
    })
  } catch (error) {
    if (isDbError(error, DbErrorCode.DUPLICATE_WRITE)) throw new AppError('ALREADY_EXISTS', '本社区已有同名服务队')
    throw error
  }
  await recordAudit(ctx, { kind: 'team.create', targetId: team._id, communityId: team.communityId, detail: { name: team.name, leaderId: leader._id } })
  return toTeamCard(team, leader)
}

/**
 * Renames, redescribes, or hands the team to a new 队长: the old grant goes
 * and the new one comes in the same transaction as `leaderId`, and the new
 * 队长 becomes an active member if they were not.
 */
export async function update(input: z.output<typeof updateInput>, ctx: ActionContext<TeamDoc>): Promise<TeamCard> {
  const { db } = ctx
  const now = ctx.now()
  const actor = ctx.caller.user!
  const { teamId, ...changes } = input
  if (Object.keys(changes).length === 0) throw new AppError('VALIDATION_FAILED', '提交的内容有误：没有需要修改的内容')
  const current = ctx.target
  const leader = changes.leaderId ? await requireResidentOf(db, changes.leaderId, current.communityId) : undefined
  let updated: TeamDoc
  try {
    updated = await withTransaction(db, async (tx) => {
      const teamRef = tx.collection<TeamDoc>('teams').doc(teamId)
      const team = (await teamRef.get()).data
      if (!team) throw new AppError('NOT_FOUND', '服务队不存在')
      const body: Partial<TeamDoc> = { updatedAt: now }
      if (changes.name !== undefined) body.name = changes.name
      if (changes.description !== undefined) body.description = changes.description
      if (leader && leader._id !== team.leaderId) {
        body.leaderId = leader._id
        const memberRef = tx.collection<TeamMemberDoc>('teamMembers').doc(teamMemberDocId(teamId, leader._id))
        const [, , membership] = await Promise.all([
          tx.collection<RoleDoc>('roles').doc(roleDocId(teamId, team.leaderId, 'team_leader')).delete(),
          tx.collection<RoleDoc>('roles').doc(roleDocId(teamId, leader._id, 'team_leader')).set(grantDoc(teamId, leader._id, actor._id, now)),
          memberRef.get().then((found) => found.data),
        ])
        if (membership?.status !== 'active') {
          await memberRef.set({
            teamId,
            communityId: team.communityId,
            userId: leader._id,
            status: 'active',
            appliedAt: membership?.appliedAt ?? now,
            joinedAt: now,
            decidedBy: actor._id,
            updatedAt: now,
          })
          body.memberCount = team.memberCount + 1
        }
      }
      await teamRef.update(body)
      return { ...team, ...body }
    })
  } catch (error) {
    if (isDbError(error, DbErrorCode.DUPLICATE_WRITE)) throw new AppError('ALREADY_EXISTS', '本社区已有同名服务队')
    throw error
  }
  const [, leaders] = await Promise.all([
    recordAudit(ctx, { kind: 'team.update', targetId: teamId, communityId: updated.communityId, detail: { ...changes } }),
    leader?._id === updated.leaderId ? new Map([[leader._id, leader]]) : usersByIds(db, [updated.leaderId]),
  ])
  return toTeamCard(updated, leaders.get(updated.leaderId))
}

// ---------------------------------------------------------------- browsing

export async function list(input: z.output<typeof listInput>, ctx: ActionContext): Promise<Page<TeamCard>> {
  if (!ctx.community) throw new AppError('VALIDATION_FAILED', '请先选择社区')
  const page = await pageOf(ctx.db.collection<TeamDoc>('teams').where({ communityId: ctx.community._id, status: 'active' }), ['createdAt', 'asc'], input, (team) => team)
  const leaders = await usersByIds(ctx.db, page.items.map((team) => team.leaderId))
  return { ...page, items: page.items.map((team) => toTeamCard(team, leaders.get(team.leaderId))) }
}

export interface TeamMemberRow {
  userId: string
  name: string
  status: MembershipStatus
  isLeader: boolean
  joinedAt: Date | null
  appliedAt: Date
}

export interface TeamView extends TeamCard {
  /** The caller's own membership, null when none. */
  myStatus: MembershipStatus | null
  /** Whether the caller may approve and run the team's activities (its 队长, or staff). */
  canManage: boolean
  members: TeamMemberRow[]
  /** Applications waiting for the 队长; only shown to those who can decide them. */
  pending: TeamMemberRow[]
}

/** A team holds at most this many members on its page; larger teams are a 街道-level matter. */
const MAX_MEMBERS = 500

/**
 * The team, its members and (for its 队长 and staff) applications. Names are
 * masked for the public; the 队长 and staff read them in full (privacy.ts
 * `leader`, `staff`), since they approve people and record attendance.
 */
export async function teamView(team: TeamDoc, ctx: ActionContext): Promise<TeamView> {
  const { db } = ctx
  const teamId = team._id
  const canManage = ctx.roles.has('staff') || ctx.roles.has('team_leader')
  const statuses: MembershipStatus[] = canManage ? ['active', 'pending'] : ['active']
  const me = ctx.caller.user
  const [memberships, mine] = await Promise.all([
    db.collection<TeamMemberDoc>('teamMembers').where({ teamId, status: db.command.in(statuses) }).orderBy('appliedAt', 'asc').limit(MAX_MEMBERS).get(),
    me ? db.collection<TeamMemberDoc>('teamMembers').doc(teamMemberDocId(teamId, me._id)).get().then((found) => found.data[0] ?? null) : null,
  ])
  const users = await usersByIds(db, [team.leaderId, ...memberships.data.map((membership) => membership.userId)])
  const grant = ctx.roles.has('staff') ? 'staff' : ctx.roles.has('team_leader') ? 'leader' : null
  const row = (membership: TeamMemberDoc): TeamMemberRow => ({
    userId: membership.userId,
    name: nameFor(users.get(membership.userId)?.name ?? '', membership.userId === me?._id ? 'own' : grant),
    status: membership.status,
    isLeader: membership.userId === team.leaderId,
    joinedAt: membership.joinedAt,
    appliedAt: membership.appliedAt,
  })
  return {
    ...toTeamCard(team, users.get(team.leaderId)),
    myStatus: mine?.status ?? null,
    canManage,
    members: memberships.data.filter((membership) => membership.status === 'active').map(row),
    pending: memberships.data.filter((membership) => membership.status === 'pending').map(row),
  }
}

export interface MyTeam {
  team: TeamCard
  status: MembershipStatus
  isLeader: boolean
}

/** The teams I belong to or applied to. */
export async function mine(_input: z.output<typeof mineInput>, ctx: ActionContext): Promise<{ items: MyTeam[] }> {
  const { db } = ctx
  const me = ctx.caller.user!
  const memberships = await db
    .collection<TeamMemberDoc>('teamMembers')
    .where({ userId: me._id, status: db.command.in(['active', 'pending']) })
    .limit(100)
    .get()
  const teamIds = memberships.data.map((membership) => membership.teamId)
  const teams = teamIds.length ? await db.collection<TeamDoc>('teams').where({ _id: db.command.in(teamIds) }).limit(teamIds.length).get() : { data: [] }
  const leaders = await usersByIds(db, teams.data.map((team) => team.leaderId))
  const byId = new Map(teams.data.map((team) => [team._id, team]))
  const items: MyTeam[] = []
  for (const membership of memberships.data) {
    const team = byId.get(membership.teamId)
    if (team) items.push({ team: toTeamCard(team, leaders.get(team.leaderId)), status: membership.status, isLeader: team.leaderId === me._id })
  }
  return { items }
}

// ---------------------------------------------------------------- membership

/**
 * Moves one membership and keeps the team's count in the same transaction:
 * the team document is written whenever the count changes, so two racing
 * approvals of the same person count them once.
 */
async function transition(
  ctx: ActionContext,
  teamId: string,
  userId: string,
  decide: (membership: TeamMemberDoc | null, team: TeamDoc) => { status: MembershipStatus; joined?: boolean } | null,
  /** Further writes of the same move (its audit entry), sent with the membership's. */
  extraWrites: (tx: Transaction, team: TeamDoc) => Array<Promise<unknown>> = () => [],
): Promise<MembershipStatus> {
  const now = ctx.now()
  return withTransaction(ctx.db, async (tx) => {
    const teamRef = tx.collection<TeamDoc>('teams').doc(teamId)
    const ref = tx.collection<TeamMemberDoc>('teamMembers').doc(teamMemberDocId(teamId, userId))
    const [team, membership] = await Promise.all([teamRef.get().then((found) => found.data), ref.get().then((found) => found.data)])
    if (!team) throw new AppError('NOT_FOUND', '服务队不存在')
    const next = decide(membership, team)
    if (!next) return membership!.status
    const wasActive = membership?.status === 'active'
    const isActive = next.status === 'active'
    const writes: Array<Promise<unknown>> = []
    writes.push(ref.set({
      teamId,
      communityId: team.communityId,
      userId,
      status: next.status,
      appliedAt: next.status === 'pending' ? now : (membership?.appliedAt ?? now),
      joinedAt: isActive ? (wasActive ? membership!.joinedAt : now) : null,
      decidedBy: next.status === 'pending' ? null : ctx.caller.user!._id,
      updatedAt: now,
    }))
    if (wasActive !== isActive) writes.push(teamRef.update({ memberCount: team.memberCount + (isActive ? 1 : -1), updatedAt: now }))
    for (const write of extraWrites(tx, team)) writes.push(write)
    await Promise.all(writes)
    return next.status
  })
}

/** A member of the community applies; the 队长 decides. */
export async function apply(input: z.output<typeof teamRef>, ctx: ActionContext): Promise<{ status: MembershipStatus }> {
  const status = await transition(ctx, input.teamId, ctx.caller.user!._id, (membership) => {
    if (membership?.status === 'active') throw new AppError('ALREADY_EXISTS', '您已是该服务队成员')
    if (membership?.status === 'pending') throw new AppError('ALREADY_EXISTS', '您已提交申请，请等待队长审核')
    return { status: 'pending' }
  })
  return { status }
}

/** The 队长 or staff approve or turn down an application; deciding twice answers the first decision. */
export async function review(input: z.output<typeof reviewInput>, ctx: ActionContext): Promise<{ status: MembershipStatus }> {
  const status = await transition(ctx, input.teamId, input.userId, (membership) => {
    if (!membership) throw new AppError('NOT_FOUND', '没有该申请')
    if (membership.status !== 'pending') {
      if ((membership.status === 'active') === input.approve) return null
      throw new AppError('INVALID_STATE', '该申请已处理')
    }
    return { status: input.approve ? 'active' : 'rejected' }
  })
  return { status }
}

/** Staff add a resident of the community directly. */
export async function addMember(input: z.output<typeof memberInput>, ctx: ActionContext<TeamDoc>): Promise<{ status: MembershipStatus }> {
  await requireResidentOf(ctx.db, input.userId, ctx.target.communityId)
  const status = await transition(ctx, input.teamId, input.userId, (membership) => (membership?.status === 'active' ? null : { status: 'active' }))
  return { status }
}

/** A member leaves; the 队长 cannot (staff hand the team to another first). */
export async function leave(input: z.output<typeof teamRef>, ctx: ActionContext): Promise<{ status: MembershipStatus }> {
  const status = await transition(ctx, input.teamId, ctx.caller.user!._id, (membership, team) => {
    if (team.leaderId === ctx.caller.user!._id) throw new AppError('INVALID_STATE', '队长不能退出服务队，请先由社区更换队长')
    if (membership?.status === 'left') return null
    if (membership?.status !== 'active' && membership?.status !== 'pending') throw new AppError('INVALID_STATE', '您不是该服务队成员')
    return { status: 'left' }
  })
  return { status }
}

/** The 队长 or staff remove a member, with a reason in the audit trail (written in the same transaction). */
export async function removeMember(input: z.output<typeof removeInput>, ctx: ActionContext<TeamDoc>): Promise<{ status: MembershipStatus }> {
  const status = await transition(
    ctx,
    input.teamId,
    input.userId,
    (membership, team) => {
      if (team.leaderId === input.userId) throw new AppError('INVALID_STATE', '不能移除队长，请先更换队长')
      if (membership?.status !== 'active') throw new AppError('INVALID_STATE', '该用户不是服务队成员')
      return { status: 'left' }
    },
    (tx, team) => [
      tx.collection<AuditDoc>('audit').add({
        _id: randomUUID().replace(/-/g, ''),
        kind: 'team.remove',
        actorId: ctx.caller.user!._id,
        targetId: input.userId,
        communityId: team.communityId,
        detail: { teamId: input.teamId },
        reason: input.reason,
        requestId: ctx.requestId,
        createdAt: ctx.now(),
      }),
    ],
  )
  return { status }
}

/** Active members of a team, for the team's 台账 (read models). */
export async function activeMemberIds(db: Database, teamId: string): Promise<string[]> {
  const found = await db.collection<TeamMemberDoc>('teamMembers').where({ teamId, status: 'active' }).limit(MAX_MEMBERS).get()
  return found.data.map((membership) => membership.userId)
}
