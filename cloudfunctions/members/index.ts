import { defineAction, defineFunction } from '../lib/runtime/action'
import { cloudbaseMain } from '../lib/runtime/cloudbase'
import * as members from '../lib/members/service'

const staff = ['staff'] as const
/**
 * Any registered person reports to the community they live in: being a 党员
 * is what they declare, and staff confirming it is what counts (confirming
 * grants the member role there).
 */
const registered = ['resident'] as const
const ofReport = members.reportCommunity

/** 在职党员报到: a member's yearly report, staff review, the roster and who has not reported. */
export const membersFunction = defineFunction('members', {
  submit: defineAction({ input: members.submitInput, access: registered, handler: members.submit }),
  mine: defineAction({ input: members.mineInput, access: registered, handler: members.mine }),
  detail: defineAction({ input: members.reportRef, access: 'signedIn', community: ofReport, handler: members.detail }),
  confirm: defineAction({ input: members.reportRef, access: staff, community: ofReport, handler: members.confirm }),
  return: defineAction({ input: members.reasonInput, access: staff, community: ofReport, handler: members.returnReport }),
  withdraw: defineAction({ input: members.reasonInput, access: staff, community: ofReport, handler: members.withdraw }),
  roster: defineAction({ input: members.rosterInput, access: staff, handler: members.roster }),
  notReported: defineAction({ input: members.notReportedInput, access: staff, handler: members.notReported }),
  exportRoster: defineAction({ input: members.exportRosterInput, access: staff, handler: members.exportRoster }),
})

export type MembersFunction = typeof membersFunction

export const main = cloudbaseMain(membersFunction)
