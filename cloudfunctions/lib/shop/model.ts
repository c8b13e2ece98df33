import type { BaseDoc } from '../db/types'

/** A good in a community's 积分超市. */
export interface ItemDoc extends BaseDoc {
  communityId: string
  name: string
  photoUrl: string | null
  pricePoints: number
  stock: number
  perPersonLimit: number
  onShelf: boolean
  createdAt: Date
  updatedAt: Date
}
