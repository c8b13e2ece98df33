import type { BaseDoc } from '../db/types'

/** A 服务队: a named group of volunteers in one community, run by its 队长. */
export interface TeamDoc extends BaseDoc {
  communityId: string
  name: string
  description: string
  /** The 队长: holds the `team_leader` grant scoped to this team, and is always an active member. */
  leaderId: string
  status: 'active'
  /** Active members, the 队长 included; kept in the same transaction as each membership change. */
  memberCount: number
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

export const membershipStatuses = ['pending', 'active', 'rejected', 'left'] as const
export type MembershipStatus = (typeof membershipStatuses)[number]

/**
 * One person's place in one team: `_id` is `<teamId>:<userId>`, so applying
 * twice is one document. pending → active (队长 or staff approve) | rejected;
 * active → left (leaves or is removed); rejected / left → pending (applies again).
 */
export interface TeamMemberDoc extends BaseDoc {
  teamId: string
  communityId: string
  userId: string
  status: MembershipStatus
  appliedAt: Date
  joinedAt: Date | null
  decidedBy: string | null
  updatedAt: Date
}

export const teamMemberDocId = (teamId: string, userId: string): string => `${teamId}:${userId}`

export interface TeamCard {
  id: string
  communityId: string
  name: string
  description: string
  memberCount: number
  /** Masked, as on every public view. */
  leaderName: string
}
