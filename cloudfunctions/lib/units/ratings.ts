import * as z from 'zod'
import { DbErrorCode, isDbError } from '../db/types'
import type { ActionContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { holdIf } from '../shared/content-review'
import { loadDoc } from '../shared/documents'
import { id } from '../shared/schemas'
import { ratingId, type CommitmentDoc, type RatingDoc } from './model'
import { ratingChange, statsAdd } from '../stats'

/** Ratings of one commitment read for its average: residents of one community, well under this. */
const MAX_RATINGS = 1000

export const rateInput = z
  .object({ commitmentId: id, score: z.number().int().min(1).max(5), comment: z.string().trim().max(200).default('') })
  .strict()

export async function averageRating(ctx: ActionContext, commitmentId: string): Promise<{ average: number | null; count: number }> {
  const ratings = await ctx.db.collection<RatingDoc>('ratings').where({ commitmentId }).limit(MAX_RATINGS).get()
  const count = ratings.data.length
  return { average: count ? ratings.data.reduce((sum, rating) => sum + rating.score, 0) / count : null, count }
}

/** 群众评议: a resident rates a verified commitment of their community, once (the natural key refuses a second). */
export async function rateCommitment(
  input: z.output<typeof rateInput>,
  ctx: ActionContext,
): Promise<{ score: number; average: number | null; count: number }> {
  const user = ctx.caller.user
  if (!user) throw new AppError('NOT_REGISTERED')
  const commitment = await loadDoc<CommitmentDoc>(ctx.db, 'commitments', input.commitmentId, '承诺事项不存在')
  if (commitment.status !== 'verified') throw new AppError('INVALID_STATE', '只能评议已验收的承诺事项')
  const verdict = await ctx.checkContent([input.comment])
  const createdAt = ctx.now()
  try {
    await ctx.db.collection<RatingDoc>('ratings').doc(ratingId(commitment._id, user._id)).create({
      commitmentId: commitment._id,
      unitId: commitment.unitId,
      communityId: commitment.communityId,
      userId: user._id,
      score: input.score,
      comment: input.comment,
      ...holdIf(verdict),
      createdAt,
    })
  } catch (error) {
    if (isDbError(error, DbErrorCode.DUPLICATE_WRITE)) throw new AppError('ALREADY_EXISTS', '您已经评议过了')
    throw error
  }
  await statsAdd(ctx.db, { communityId: commitment.communityId, at: createdAt, subject: commitment._id }, ratingChange(input.score))
  return { score: input.score, ...(await averageRating(ctx, commitment._id)) }
}
