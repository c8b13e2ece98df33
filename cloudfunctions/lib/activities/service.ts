import * as z from 'zod'
import type { ActionContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { id, paging, type Page } from '../shared/schemas'
import { activityTypes, toActivityCard, type ActivityCard, type ActivityDoc } from './model'

export const listInput = z
  .object({
    communityId: id.optional(),
    type: z.enum(activityTypes).optional(),
    ...paging,
  })
  .strict()

/** Published activities of a community, soonest first; anyone may browse. */
export async function listActivities(input: z.output<typeof listInput>, ctx: ActionContext): Promise<Page<ActivityCard>> {
  if (!ctx.community) throw new AppError('VALIDATION_FAILED', '请先选择社区')
  const where: Record<string, unknown> = { communityId: ctx.community._id, status: 'published' }
  if (input.type) where.type = input.type
  const query = ctx.db.collection<ActivityDoc>('activities').where(where as never)
  const [total, page] = await Promise.all([
    query.count(),
    query
      .orderBy('startAt', 'desc')
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .get(),
  ])
  return { items: page.data.map(toActivityCard), total: total.total, page: input.page, pageSize: input.pageSize }
}
