import { exportOverview } from '../lib/dashboard/export'
import { buildOverview, communityOfOverview, overviewInput } from '../lib/dashboard/overview'
import { volunteerFigures, volunteersInput } from '../lib/dashboard/teams'
import { defineAction, defineFunction } from '../lib/runtime/action'
import { cloudbaseMain } from '../lib/runtime/cloudbase'

/** 数据看板: a community's or a 街道's figures for a month or a year, and the same as an XLSX 台账. */
export const dashboardFunction = defineFunction('dashboard', {
  // Staff of the community; for a 街道 the handler also requires district_admin.
  overview: defineAction({ input: overviewInput, access: ['staff'], community: communityOfOverview, handler: buildOverview }),
  export: defineAction({ input: overviewInput, access: ['staff'], community: communityOfOverview, handler: exportOverview }),
  /** 星级 distribution and the 服务队 of a community. */
  volunteers: defineAction({ input: volunteersInput, access: ['staff'], handler: volunteerFigures }),
})

export type DashboardFunction = typeof dashboardFunction

export const main = cloudbaseMain(dashboardFunction)
