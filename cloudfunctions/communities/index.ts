import * as z from 'zod'
import * as communities from '../lib/communities/service'
import * as workbench from '../lib/dashboard/workbench'
import { defineAction, defineFunction } from '../lib/runtime/action'
import { cloudbaseMain } from '../lib/runtime/cloudbase'

/** 社区: the directory of districts and communities, and a community's home page. */
export const communitiesFunction = defineFunction('communities', {
  list: defineAction({
    input: z.object({}).strict(),
    access: 'anyone',
    handler: (_input, ctx) => communities.listCommunities(ctx),
  }),
  settings: defineAction({
    input: communities.settingsInput,
    access: ['staff'],
    handler: async (_input, ctx) => communities.settingsOf(ctx.community!),
  }),
  updateSettings: defineAction({ input: communities.updateSettingsInput, access: ['staff'], handler: communities.updateSettings }),
  workbench: defineAction({ input: workbench.workbenchInput, access: ['staff'], handler: workbench.workbench }),
  overview: defineAction({
    input: communities.overviewInput,
    access: 'anyone',
    handler: (_input, ctx) => communities.overview(ctx),
  }),
})

export type CommunitiesFunction = typeof communitiesFunction

export const main = cloudbaseMain(communitiesFunction)
