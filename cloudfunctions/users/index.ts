import * as z from 'zod'
import { defineAction, defineFunction } from '../lib/runtime/action'
import { cloudbaseMain } from '../lib/runtime/cloudbase'
import * as users from '../lib/users/service'

/** 用户与角色: who I am, registration, and staff granting roles in their community. */
export const usersFunction = defineFunction('users', {
  me: defineAction({
    input: z.object({}).strict(),
    access: 'signedIn',
    handler: (_input, ctx) => users.describeMe(ctx.db, ctx.caller.user, ctx.caller.grants),
  }),
  register: defineAction({ input: users.registerInput, access: 'signedIn', handler: users.register }),
  updateProfile: defineAction({
    input: users.updateProfileInput,
    // No community in the input: the guard checks the caller's own.
    access: ['resident'],
    handler: users.updateProfile,
  }),
  grantRole: defineAction({ input: users.roleChangeInput, access: ['staff'], handler: users.grantRole }),
  revokeRole: defineAction({ input: users.roleChangeInput, access: ['staff'], handler: users.revokeRole }),
  list: defineAction({ input: users.listInput, access: ['staff'], handler: users.listUsers }),
  profile: defineAction({ input: users.profileInput, access: 'signedIn', handler: users.profile }),
})

export type UsersFunction = typeof usersFunction

export const main = cloudbaseMain(usersFunction)
