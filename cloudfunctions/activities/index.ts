import * as attendance from '../lib/activities/attendance'
import * as activities from '../lib/activities/service'
import * as serviceRecord from '../lib/activities/service-record'
import * as waitlist from '../lib/activities/waitlist'
import { defineAction, defineFunction } from '../lib/runtime/action'
import { cloudbaseMain } from '../lib/runtime/cloudbase'

const staff = ['staff'] as const
const member = ['member'] as const
/** Any registered person, in their own community: their own records. */
const registered = ['resident'] as const
/** Actions on an existing activity check roles in the activity's community. */
const ofActivity = activities.activityCommunity
/** Staff, or the 队长 of the team running this activity (scoped: another team's 队长 is refused). */
const runners = ['staff', 'team_leader'] as const
const teamOfActivity = activities.activityTeam

/** 活动: publishing, sign-up, attendance, confirmation and the service record. */
export const activitiesFunction = defineFunction('activities', {
  list: defineAction({ input: activities.listInput, access: 'anyone', handler: activities.listActivities }),
  detail: defineAction({ input: activities.activityRef, access: 'anyone', community: ofActivity, handler: activities.detail }),
  publish: defineAction({ input: activities.publishInput, access: staff, handler: activities.publish }),
  update: defineAction({ input: activities.updateInput, access: staff, community: ofActivity, handler: activities.update }),
  cancel: defineAction({ input: activities.cancelInput, access: staff, community: ofActivity, handler: activities.cancel }),
  signup: defineAction({ input: activities.activityRef, access: member, community: ofActivity, handler: activities.signup }),
  withdraw: defineAction({ input: activities.activityRef, access: member, community: ofActivity, handler: activities.withdraw }),
  mine: defineAction({ input: activities.mineInput, access: registered, handler: activities.mine }),
  cantCome: defineAction({ input: activities.activityRef, access: member, community: ofActivity, handler: activities.cantCome }),
  joinWaitlist: defineAction({ input: waitlist.waitlistRef, access: member, community: ofActivity, handler: waitlist.joinWaitlist }),
  leaveWaitlist: defineAction({ input: waitlist.waitlistRef, access: member, community: ofActivity, handler: waitlist.leaveWaitlist }),
  waitlist: defineAction({ input: waitlist.waitlistRef, access: runners, community: ofActivity, scope: teamOfActivity, handler: waitlist.waitlist }),
  checkinCode: defineAction({ input: activities.activityRef, access: runners, community: ofActivity, scope: teamOfActivity, handler: attendance.showCheckinCode }),
  checkin: defineAction({ input: attendance.attendInput, access: member, community: ofActivity, handler: attendance.checkIn }),
  checkout: defineAction({ input: attendance.attendInput, access: member, community: ofActivity, handler: attendance.checkOut }),
  recordAttendance: defineAction({
    input: attendance.recordAttendanceInput,
    access: runners,
    community: ofActivity,
    scope: teamOfActivity,
    handler: attendance.recordAttendance,
  }),
  attendance: defineAction({ input: activities.activityRef, access: runners, community: ofActivity, scope: teamOfActivity, handler: attendance.attendance }),
  confirm: defineAction({ input: attendance.confirmInput, access: runners, community: ofActivity, scope: teamOfActivity, handler: attendance.confirm }),
  serviceRecord: defineAction({ input: serviceRecord.serviceRecordInput, access: registered, handler: serviceRecord.serviceRecord }),
  exportServiceRecord: defineAction({
    input: serviceRecord.exportServiceRecordInput,
    access: registered,
    handler: (_input, ctx) => serviceRecord.exportServiceRecord(ctx),
  }),
})

export type ActivitiesFunction = typeof activitiesFunction

export const main = cloudbaseMain(activitiesFunction)
