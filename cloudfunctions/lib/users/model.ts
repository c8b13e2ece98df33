import type { BaseDoc } from '../db/types'

/** Roles granted per scope. A resident is any registered user, in their own community. */
export const grantableRoles = ['member', 'staff', 'district_admin', 'liaison', 'team_leader'] as const
export type GrantedRole = (typeof grantableRoles)[number]
export type Role = 'resident' | GrantedRole

export const roleLabels: Record<Role, string> = {
  resident: '居民',
  member: '党员/志愿者',
  staff: '社区工作人员',
  district_admin: '街道管理员',
  liaison: '共建单位联络员',
  team_leader: '服务队队长',
}

export interface UserDoc extends BaseDoc {
  /** The WeChat OPENID: the only identity we trust, and it comes from the platform. */
  openid: string
  name: string
  phone: string
  communityId: string
  building: string
  /** 志愿者编号 from the national volunteer system, when the person has one; shown on the service record. */
  volunteerNo?: string
  /**
   * 居民身份证号码, only if the person chose to enter it: a 志愿服务记录证明
   * prints it masked, and the national-system export carries it for staff.
   * Never shown back in full, not even to its owner.
   */
  idNumber?: string
  createdAt: Date
  updatedAt: Date
}

/**
 * One role grant. `_id` is `<scopeId>:<userId>:<role>` so granting twice is a
 * duplicate write, not a second row. `scopeId` is a community id, a district
 * id (district_admin), a unit id (liaison) or a team id (team_leader: a
 * 服务队's 队长, who runs only that team's activities).
 */
export interface RoleDoc extends BaseDoc {
  userId: string
  role: GrantedRole
  scopeId: string
  grantedBy: string
  createdAt: Date
}

export const roleDocId = (scopeId: string, userId: string, role: GrantedRole): string => `${scopeId}:${userId}:${role}`

export interface DistrictDoc extends BaseDoc {
  name: string
  createdAt: Date
}

export interface CommunitySettings {
  /** Days a held redemption waits for pick-up before it expires and gives points and stock back. */
  redemptionDays: number
  /** Days a claimer has to fulfil a wish before the claim lapses and the wish returns to the wall. */
  claimDays: number
  /** Points the claimer earns when the wisher confirms a fulfilled wish. */
  wishPoints: number
  /** 在职党员报到: community activities a reported member attends per year. */
  reportActivityTarget: number
  /** 在职党员报到: suggestions a reported member makes per year. */
  reportSuggestionTarget: number
  /**
   * 星级认定: confirmed service hours for 1 to 5 stars, ascending (the
   * national practice: 100 / 300 / 600 / 1000 / 1500 h).
   */
  starHours: number[]
}

export const defaultStarHours: readonly number[] = [100, 300, 600, 1000, 1500]

export const defaultCommunitySettings: CommunitySettings = {
  redemptionDays: 14,
  claimDays: 14,
  wishPoints: 10,
  reportActivityTarget: 2,
  reportSuggestionTarget: 1,
  starHours: [...defaultStarHours],
}

export interface CommunityDoc extends BaseDoc {
  districtId: string
  name: string
  address: string
  /** Absent until staff change a default. */
  settings?: Partial<CommunitySettings>
  createdAt: Date
}
