import * as activities from '../lib/activities/service'
import { defineAction, defineFunction } from '../lib/runtime/action'
import { cloudbaseMain } from '../lib/runtime/cloudbase'

/** 活动: publishing, sign-up, attendance. */
export const activitiesFunction = defineFunction('activities', {
  list: defineAction({ input: activities.listInput, access: 'anyone', handler: activities.listActivities }),
})

export type ActivitiesFunction = typeof activitiesFunction

export const main = cloudbaseMain(activitiesFunction)
