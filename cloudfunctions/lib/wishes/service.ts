import * as z from 'zod'
import type { ActionContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
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
  const query = db.collection<WishDoc>('wishes').where(where as never)
  const [total, page] = await Promise.all([
    query.count(),
    query
      .orderBy('createdAt', 'desc')
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .get(),
  ])
  return { items: page.data.map(toWishCard), total: total.total, page: input.page, pageSize: input.pageSize }
}
