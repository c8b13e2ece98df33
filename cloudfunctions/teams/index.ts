import { exportTeamLedger, teamPage, teamPageInput } from '../lib/dashboard/teams'
import { defineAction, defineFunction } from '../lib/runtime/action'
import { cloudbaseMain } from '../lib/runtime/cloudbase'
import * as teams from '../lib/teams/service'

const staff = ['staff'] as const
const member = ['member'] as const
const registered = ['resident'] as const
/** Staff, or this team's own 队长 (a grant scoped to the team). */
const runners = ['staff', 'team_leader'] as const
const ofTeam = teams.teamCommunity
const scope = teams.teamScope

/** 服务队: teams, their 队长, membership, the team page and its 台账. */
export const teamsFunction = defineFunction('teams', {
  create: defineAction({ input: teams.createInput, access: staff, handler: teams.create }),
  update: defineAction({ input: teams.updateInput, access: staff, community: ofTeam, handler: teams.update }),
  list: defineAction({ input: teams.listInput, access: 'anyone', handler: teams.list }),
  detail: defineAction({ input: teamPageInput, access: 'anyone', community: ofTeam, scope, handler: teamPage }),
  mine: defineAction({ input: teams.mineInput, access: registered, handler: teams.mine }),
  apply: defineAction({ input: teams.teamRef, access: member, community: ofTeam, handler: teams.apply }),
  leave: defineAction({ input: teams.teamRef, access: registered, community: ofTeam, handler: teams.leave }),
  review: defineAction({ input: teams.reviewInput, access: runners, community: ofTeam, scope, handler: teams.review }),
  addMember: defineAction({ input: teams.memberInput, access: staff, community: ofTeam, handler: teams.addMember }),
  removeMember: defineAction({ input: teams.removeInput, access: runners, community: ofTeam, scope, handler: teams.removeMember }),
  exportLedger: defineAction({ input: teamPageInput, access: runners, community: ofTeam, scope, handler: exportTeamLedger }),
})

export type TeamsFunction = typeof teamsFunction

export const main = cloudbaseMain(teamsFunction)
