import { defineAction, defineFunction } from '../lib/runtime/action'
import { cloudbaseMain } from '../lib/runtime/cloudbase'
import { everyTick } from '../lib/runtime/timers'
import * as wishes from '../lib/wishes/service'

const community = wishes.wishCommunity

/** 微心愿: post, review, the wall, claim, fulfil, confirm. */
export const wishesFunction = defineFunction('wishes', {
  post: defineAction({ input: wishes.postInput, access: ['resident'], handler: wishes.post }),
  postFor: defineAction({ input: wishes.postForInput, access: ['staff'], handler: wishes.postFor }),
  edit: defineAction({ input: wishes.editInput, access: 'signedIn', community, handler: wishes.edit }),
  withdraw: defineAction({ input: wishes.withdrawInput, access: 'signedIn', community, handler: wishes.withdraw }),
  review: defineAction({ input: wishes.reviewInput, access: ['staff'], community, handler: wishes.review }),
  reviewContent: defineAction({ input: wishes.reviewContentInput, access: ['staff'], community, handler: wishes.reviewContent }),
  reviewQueue: defineAction({ input: wishes.reviewQueueInput, access: ['staff'], handler: wishes.reviewQueue }),
  wall: defineAction({ input: wishes.wallInput, access: 'anyone', handler: wishes.wall }),
  detail: defineAction({ input: wishes.wishInput, access: 'anyone', community, handler: wishes.detail }),
  claim: defineAction({ input: wishes.claimInput, access: ['member', 'liaison'], community, handler: wishes.claim }),
  release: defineAction({ input: wishes.releaseInput, access: 'signedIn', community, handler: wishes.release }),
  fulfil: defineAction({ input: wishes.fulfilInput, access: 'signedIn', community, handler: wishes.fulfil }),
  confirm: defineAction({ input: wishes.confirmInput, access: 'signedIn', community, handler: wishes.confirm }),
  mine: defineAction({ input: wishes.mineInput, access: 'signedIn', handler: wishes.mine }),
  myClaims: defineAction({ input: wishes.mineInput, access: 'signedIn', handler: wishes.myClaims }),
  expireClaims: defineAction({ input: wishes.expireClaimsInput, access: ['staff'], handler: wishes.expireClaims }),
}, {
  // Claims also expire lazily on every read; the timer catches the ones nobody looks at.
  schedule: '0 30 * * * * *',
  jobs: { releaseOverdueClaims: { cadence: everyTick, run: wishes.releaseAllOverdueClaims } },
})

export type WishesFunction = typeof wishesFunction

export const main = cloudbaseMain(wishesFunction)
