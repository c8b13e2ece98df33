import type { BaseDoc } from '../db/types'
import type { ActionContext } from '../runtime/action'

/** One line of the audit trail: who did what privileged thing to whom, and why. Never edited. */
export interface AuditDoc extends BaseDoc {
  kind: string
  actorId: string
  targetId: string
  communityId: string | null
  detail: Record<string, unknown>
  reason: string
  requestId: string
  createdAt: Date
}

export async function recordAudit(
  ctx: ActionContext,
  entry: { kind: string; targetId: string; communityId: string | null; detail?: Record<string, unknown>; reason?: string },
): Promise<void> {
  await ctx.db.collection<AuditDoc>('audit').add({
    kind: entry.kind,
    actorId: ctx.caller.user?._id ?? '',
    targetId: entry.targetId,
    communityId: entry.communityId,
    detail: entry.detail ?? {},
    reason: entry.reason ?? '',
    requestId: ctx.requestId,
    createdAt: ctx.now(),
  })
}
