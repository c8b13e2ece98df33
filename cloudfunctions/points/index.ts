import * as points from '../lib/points/service'
import { defineAction, defineFunction } from '../lib/runtime/action'
import { cloudbaseMain } from '../lib/runtime/cloudbase'

const holders = ['resident', 'member', 'staff'] as const

/** 积分: my balance and history; staff corrections and the community's accounts. */
export const pointsFunction = defineFunction('points', {
  balance: defineAction({ input: points.balanceInput, access: holders, handler: points.balance }),
  history: defineAction({ input: points.historyInput, access: holders, handler: points.history }),
  adjust: defineAction({ input: points.adjustInput, access: ['staff'], handler: points.adjust }),
  accounts: defineAction({ input: points.accountsInput, access: ['staff'], handler: points.accounts }),
})

export type PointsFunction = typeof pointsFunction

export const main = cloudbaseMain(pointsFunction)
