import * as honours from '../lib/honours/service'
import { defineAction, defineFunction } from '../lib/runtime/action'
import { cloudbaseMain } from '../lib/runtime/cloudbase'

/** 星级 and honours: my stars and badges, leaderboards, 月度之星 / 年度之星. */
export const honoursFunction = defineFunction('honours', {
  mine: defineAction({ input: honours.mineInput, access: ['resident'], handler: honours.mine }),
  setPreferences: defineAction({ input: honours.preferencesInput, access: ['resident'], handler: honours.setPreferences }),
  leaderboard: defineAction({ input: honours.leaderboardInput, access: 'anyone', community: honours.leaderboardCommunity, handler: honours.leaderboard }),
  name: defineAction({ input: honours.nameInput, access: ['staff'], handler: honours.name }),
  list: defineAction({ input: honours.listInput, access: 'anyone', handler: honours.list }),
})

export type HonoursFunction = typeof honoursFunction

export const main = cloudbaseMain(honoursFunction)
