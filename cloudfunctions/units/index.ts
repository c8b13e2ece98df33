import { defineAction, defineFunction } from '../lib/runtime/action'
import { cloudbaseMain } from '../lib/runtime/cloudbase'
import * as commitments from '../lib/units/commitments'
import * as demands from '../lib/units/demands'
import { unitPage } from '../lib/units/detail'
import * as ratings from '../lib/units/ratings'
import * as report from '../lib/units/report'
import * as resources from '../lib/units/resources'
import * as units from '../lib/units/service'

/** 共驻共建: co-building units, their agreements with communities, and liaison invites. */
export const unitsFunction = defineFunction('units', {
  list: defineAction({ input: units.listInput, access: 'anyone', handler: units.listUnits }),
  detail: defineAction({ input: units.detailInput, access: 'anyone', handler: unitPage }),
  register: defineAction({ input: units.registerInput, access: ['staff'], handler: units.registerUnit }),
  pair: defineAction({ input: units.pairInput, access: ['staff'], handler: units.pairUnit }),
  suspend: defineAction({ input: units.suspendInput, access: ['staff'], handler: units.suspendUnit }),
  reinstate: defineAction({ input: units.suspendInput, access: ['staff'], handler: units.reinstateUnit }),
  createInvite: defineAction({ input: units.createInviteInput, access: ['staff'], handler: units.createInvite }),
  // Any registered person may redeem a code; the guard checks them in their own community.
  join: defineAction({ input: units.joinInput, access: ['resident'], handler: units.joinUnit }),

  // The guard admits staff or any liaison of the community; the handler narrows a liaison to their own unit.
  proposeCommitment: defineAction({ input: commitments.proposeInput, access: ['staff', 'liaison'], handler: commitments.proposeCommitment }),
  agreeCommitment: defineAction({
    input: commitments.commitmentIdInput,
    access: ['staff'],
    community: commitments.communityOfCommitment,
    handler: commitments.agreeCommitment,
  }),
  progressCommitment: defineAction({
    input: commitments.noteInput,
    access: ['liaison'],
    community: commitments.communityOfCommitment,
    handler: commitments.progressCommitment,
  }),
  completeCommitment: defineAction({
    input: commitments.noteInput,
    access: ['liaison'],
    community: commitments.communityOfCommitment,
    handler: commitments.completeCommitment,
  }),
  verifyCommitment: defineAction({
    input: commitments.commitmentIdInput,
    access: ['staff'],
    community: commitments.communityOfCommitment,
    handler: commitments.verifyCommitment,
  }),
  withdrawCommitment: defineAction({
    input: commitments.withdrawInput,
    access: ['staff', 'liaison'],
    community: commitments.communityOfCommitment,
    handler: commitments.withdrawCommitment,
  }),
  commitments: defineAction({ input: commitments.listInput, access: 'anyone', handler: commitments.listCommitments }),

  publishDemand: defineAction({ input: demands.publishInput, access: ['staff'], handler: demands.publishDemand }),
  // Registered people of any community may read a community's demand board (a liaison's unit serves several).
  demands: defineAction({ input: demands.listInput, access: 'signedIn', handler: demands.listDemands }),
  // The guard admits any liaison in the demand's community; the handler narrows to the named unit.
  claimDemand: defineAction({ input: demands.claimInput, access: ['liaison'], community: demands.communityOfDemand, handler: demands.claimDemand }),
  completeDemand: defineAction({ input: demands.demandIdInput, access: ['staff'], community: demands.communityOfDemand, handler: demands.completeDemand }),
  cancelDemand: defineAction({ input: demands.cancelInput, access: ['staff'], community: demands.communityOfDemand, handler: demands.cancelDemand }),

  // A liaison's own community may not be one their unit serves: the handler checks the unit grant itself.
  publishResource: defineAction({ input: resources.publishInput, access: 'signedIn', handler: resources.publishResource }),
  resources: defineAction({ input: resources.listInput, access: 'anyone', handler: resources.listResources }),
  reviewResource: defineAction({ input: resources.reviewResourceInput, access: 'signedIn', handler: resources.reviewResource }),
  requestResource: defineAction({ input: resources.requestInput, access: ['staff'], handler: resources.requestResource }),
  answerRequest: defineAction({ input: resources.answerInput, access: ['liaison'], community: resources.communityOfRequest, handler: resources.answerRequest }),
  fulfilRequest: defineAction({ input: resources.fulfilInput, access: ['staff'], community: resources.communityOfRequest, handler: resources.fulfilRequest }),
  resourceRequests: defineAction({ input: resources.requestsInput, access: 'signedIn', handler: resources.listRequests }),

  rateCommitment: defineAction({
    input: ratings.rateInput,
    access: ['resident'],
    community: commitments.communityOfCommitment,
    handler: ratings.rateCommitment,
  }),

  // Staff of the community; for a 街道 the handler also requires district_admin.
  report: defineAction({ input: report.reportInput, access: ['staff'], community: report.communityOfReport, handler: report.buildReport }),
  exportReport: defineAction({ input: report.reportInput, access: ['staff'], community: report.communityOfReport, handler: report.exportReport }),
  showcase: defineAction({ input: report.showcaseInput, access: 'anyone', handler: report.showcase }),
})

export type UnitsFunction = typeof unitsFunction

export const main = cloudbaseMain(unitsFunction)
