import { defineAction, defineFunction } from '../lib/runtime/action'
import { cloudbaseMain } from '../lib/runtime/cloudbase'
import * as wishes from '../lib/wishes/service'

/** 微心愿: the wish wall. */
export const wishesFunction = defineFunction('wishes', {
  wall: defineAction({ input: wishes.wallInput, access: 'anyone', handler: wishes.wall }),
})

export type WishesFunction = typeof wishesFunction

export const main = cloudbaseMain(wishesFunction)
