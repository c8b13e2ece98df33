import type { ActionContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import type { UserDoc } from '../users/model'

/** The caller's registered user: a signed-in caller may not have registered yet, and the move needs the person. */
export function requireUser(ctx: ActionContext): UserDoc {
  if (!ctx.caller.user) throw new AppError('NOT_REGISTERED')
  return ctx.caller.user
}
