import * as z from 'zod'
import type { Database, Where } from '../db/types'
import type { ActionContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { chinaYear } from '../shared/china-time'
import { id } from '../shared/schemas'

export const workbenchInput = z.object({ communityId: id }).strict()

/** What waits for staff of one community, by the 工作台 tile that handles it. */
export interface WorkbenchCounts {
  /** 心愿审核: wishes waiting for review. */
  wishReview: number
  /** 建议办理: suggestions not yet accepted, or accepted and not yet answered. */
  suggestions: number
  /** 报到审核: this year's 在职党员报到 waiting for confirmation. */
  memberReports: number
  /** 预约审核: venue bookings waiting for approval. */
  bookings: number
  /** 待核销: redemptions held for pick-up. */
  pickups: number
  /** 承诺待办: this year's commitments to agree (proposed) or to verify (completed). */
  commitments: number
}

const countOf = async (db: Database, collection: string, where: Where): Promise<number> => (await db.collection(collection).where(where).count()).total

/**
 * The 工作台's counts in one call: six counts on indexed fields
 * (communityId + status, see schema.ts), sent together, so in CloudBase the
 * whole answer costs one wave of round trips, not one per tile.
 */
export async function workbench(_input: z.output<typeof workbenchInput>, ctx: ActionContext): Promise<WorkbenchCounts> {
  const community = ctx.community
  if (!community) throw new AppError('NOT_FOUND', '社区不存在')
  const { db } = ctx
  const _ = db.command
  const communityId = community._id
  const year = chinaYear(ctx.now())
  const [wishReview, suggestions, memberReports, bookings, pickups, commitments] = await Promise.all([
    countOf(db, 'wishes', { communityId, status: 'pending' }),
    countOf(db, 'suggestions', { communityId, status: _.in(['submitted', 'accepted', 'assigned']) }),
    countOf(db, 'memberReports', { communityId, year, status: 'submitted' }),
    countOf(db, 'bookings', { communityId, status: 'pending' }),
    countOf(db, 'redemptions', { communityId, status: 'held' }),
    countOf(db, 'commitments', { communityId, year, status: _.in(['proposed', 'completed']) }),
  ])
  return { wishReview, suggestions, memberReports, bookings, pickups, commitments }
}
