import * as z from 'zod'
import type { ActionContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { pageOf } from '../shared/paging'
import { id, paging, type Page } from '../shared/schemas'
import { toWishCard, wallStatuses, wishCategories, type WishCard, type WishDoc } from './model'

export const wallInput = z
  .object({
    communityId: id.optional(),
    category: z.enum(wishCategories).optional(),
    status: z.enum(wallStatuses).optional(),
    ...paging,
  })
  .strict()

/** The 心愿墙: approved wishes, newest first, names masked. */
export async function wall(input: z.output<typeof wallInput>, ctx: ActionContext): Promise<Page<WishCard>> {
  if (!ctx.community) throw new AppError('VALIDATION_FAILED', '请先选择社区')
  const { db } = ctx
  const where: Record<string, unknown> = {
    communityId: ctx.community._id,
    status: input.status ?? db.command.in([...wallStatuses]),
  }
  if (input.category) where.category = input.category
  return pageOf(db.collection<WishDoc>('wishes').where(where as never), ['createdAt', 'desc'], input, toWishCard)
}
