import { defineAction, defineFunction } from '../lib/runtime/action'
import { cloudbaseMain } from '../lib/runtime/cloudbase'
import { everyTick } from '../lib/runtime/timers'
import * as shop from '../lib/shop/service'

const shoppers = ['resident', 'member', 'staff'] as const

/** 积分超市: items, redemptions, pick-up. */
export const shopFunction = defineFunction('shop', {
  items: defineAction({ input: shop.itemsInput, access: 'anyone', handler: shop.listItems }),
  saveItem: defineAction({ input: shop.saveItemInput, access: ['staff'], community: shop.saveItemCommunity, handler: shop.saveItem }),
  restock: defineAction({ input: shop.restockInput, access: ['staff'], community: shop.itemCommunity, handler: shop.restock }),
  redeem: defineAction({ input: shop.redeemInput, access: shoppers, community: shop.itemCommunity, handler: shop.redeem }),
  myRedemptions: defineAction({ input: shop.myRedemptionsInput, access: shoppers, handler: shop.myRedemptions }),
  // The owner may cancel from any community; staff only in the redemption's. The handler tells them apart.
  cancel: defineAction({ input: shop.cancelInput, access: 'signedIn', community: shop.redemptionCommunity, handler: shop.cancel }),
  pickup: defineAction({ input: shop.pickupInput, access: ['staff'], community: shop.pickupCommunity, handler: shop.pickup }),
  redemptions: defineAction({ input: shop.redemptionsInput, access: ['staff'], handler: shop.listRedemptions }),
  expireDue: defineAction({ input: shop.expireDueInput, access: ['staff'], handler: shop.expireDue }),
}, {
  // Redemptions also expire lazily on every read; the timer catches the ones nobody looks at.
  schedule: '0 0 * * * * *',
  jobs: { expire: { cadence: everyTick, run: shop.expireAllDue } },
})

export type ShopFunction = typeof shopFunction

export const main = cloudbaseMain(shopFunction)
