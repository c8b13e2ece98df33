import { defineAction, defineFunction } from '../lib/runtime/action'
import { cloudbaseMain } from '../lib/runtime/cloudbase'
import { everyTick } from '../lib/runtime/timers'
import * as venues from '../lib/venues/service'

const staff = ['staff'] as const
const venueCommunity = venues.venueCommunity
const bookingCommunity = venues.bookingCommunity

/** 场地预约: venues (党群服务中心, 党建共享之家), their slots, bookings and approvals. */
export const venuesFunction = defineFunction('venues', {
  list: defineAction({ input: venues.listInput, access: 'anyone', handler: venues.list }),
  detail: defineAction({ input: venues.detailInput, access: 'anyone', community: venueCommunity, handler: venues.detail }),
  save: defineAction({ input: venues.saveInput, access: staff, community: venues.saveCommunity, handler: venues.save }),
  close: defineAction({ input: venues.closeInput, access: staff, community: venueCommunity, handler: venues.close }),
  reopen: defineAction({ input: venues.reopenInput, access: staff, community: venueCommunity, handler: venues.reopen }),
  book: defineAction({ input: venues.bookInput, access: ['member', 'liaison', 'staff'], community: venueCommunity, handler: venues.book }),
  cancel: defineAction({ input: venues.cancelInput, access: 'signedIn', community: bookingCommunity, handler: venues.cancel }),
  approve: defineAction({ input: venues.bookingInput, access: staff, community: bookingCommunity, handler: venues.approve }),
  refuse: defineAction({ input: venues.refuseInput, access: staff, community: bookingCommunity, handler: venues.refuse }),
  mine: defineAction({ input: venues.mineInput, access: 'signedIn', handler: venues.mine }),
  day: defineAction({ input: venues.dayInput, access: staff, handler: venues.day }),
  bookings: defineAction({ input: venues.bookingsInput, access: staff, handler: venues.bookings }),
}, {
  // Reads lapse stale bookings lazily too; the timer frees the slots of the ones nobody looks at.
  schedule: '0 0 * * * * *',
  jobs: { lapseStale: { cadence: everyTick, run: venues.lapseAllStale } },
})

export type VenuesFunction = typeof venuesFunction

export const main = cloudbaseMain(venuesFunction)
