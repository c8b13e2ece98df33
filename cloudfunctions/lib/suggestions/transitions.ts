/**
 * The suggestion state machine. Every move is one conditional update on the
 * status it read (`where({ _id, status }).update(...)`): two racing callers
 * read the same status, exactly one update matches, the other matches
 * nothing, reads again and is refused by the status it now finds. Replies
 * and history are appended with `push`, so concurrent replies to a replied
 * suggestion all land without a read-modify-write.
 */
import type { Database, UpdateData, Where } from '../db/types'
import { AppError, type ErrorCode } from '../runtime/errors'
import { loadDoc } from '../shared/documents'
import type { HistoryEntry, SuggestionDoc, SuggestionStatus } from './model'

export const moves = ['withdraw', 'accept', 'decline', 'assign', 'reply', 'close'] as const
export type Move = (typeof moves)[number]

/** Which statuses each move leaves from, and where it goes. Rating is not a move: a closed suggestion stays closed. */
export const transitions = {
  withdraw: { from: ['submitted'], to: 'withdrawn' },
  accept: { from: ['submitted'], to: 'accepted' },
  decline: { from: ['submitted'], to: 'declined' },
  assign: { from: ['accepted', 'assigned'], to: 'assigned' },
  reply: { from: ['accepted', 'assigned', 'replied'], to: 'replied' },
  close: { from: ['accepted', 'assigned', 'replied'], to: 'closed' },
} as const satisfies Record<Move, { from: readonly SuggestionStatus[]; to: SuggestionStatus }>

export const canMove = (move: Move, status: SuggestionStatus): boolean => (transitions[move].from as readonly string[]).includes(status)

const refusalOf: Record<Move, string> = {
  withdraw: '已受理或已结束的建议不能撤回',
  accept: '只能受理待受理的建议',
  decline: '只能不予受理待受理的建议',
  assign: '只能交办已受理、尚未答复的建议',
  reply: '只能答复办理中的建议',
  close: '只能办结办理中的建议',
}

export const canRate = (doc: Pick<SuggestionDoc, 'status' | 'rating'>): boolean => doc.status === 'closed' && !doc.rating

/** Past the first few losses the suggestion has moved through every status it can; more means a bug, not a race. */
const MAX_ATTEMPTS = 10

async function read(db: Database, suggestionId: string): Promise<SuggestionDoc> {
  return loadDoc<SuggestionDoc>(db, 'suggestions', suggestionId, '建议不存在')
}

interface Step {
  /** The refusal for the suggestion as read, checked before each attempt; null to go ahead. */
  refuse(doc: SuggestionDoc): { code: ErrorCode; message: string } | null
  /** More conditions the update must still meet when it lands (beyond the status read). */
  condition?(db: Database): Where
  changes(doc: SuggestionDoc): UpdateData
}

/** Reads, checks, updates on the status read; loses a race → reads again and re-checks. */
async function step(db: Database, suggestionId: string, spec: Step): Promise<SuggestionDoc> {
  const suggestions = db.collection<SuggestionDoc>('suggestions')
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const doc = await read(db, suggestionId)
    const refusal = spec.refuse(doc)
    if (refusal) throw new AppError(refusal.code, refusal.message)
    const { updated } = await suggestions.where({ _id: doc._id, status: doc.status, ...spec.condition?.(db) }).update(spec.changes(doc))
    if (updated === 1) return read(db, suggestionId)
  }
  throw new AppError('CONFLICT', '操作的人太多了，请稍后再试')
}

export interface MoveRequest {
  move: Move
  /** Who may make the move on this suggestion (the submitter, staff); FORBIDDEN otherwise, checked before the status. */
  mayAct?(doc: SuggestionDoc): boolean
  entry: Omit<HistoryEntry, 'action' | 'at'>
  /** Fields the move sets besides status, updatedAt and history; gets the suggestion as read (a first reply sets repliedAt). */
  changes(doc: SuggestionDoc): UpdateData
  now: Date
}

/** Failures in order: NOT_FOUND, FORBIDDEN, INVALID_STATE. */
export function moveSuggestion(db: Database, suggestionId: string, request: MoveRequest): Promise<SuggestionDoc> {
  const { move, now } = request
  return step(db, suggestionId, {
    refuse: (doc) => {
      if (request.mayAct && !request.mayAct(doc)) return { code: 'FORBIDDEN', message: '没有权限进行此操作' }
      if (!canMove(move, doc.status)) return { code: 'INVALID_STATE', message: refusalOf[move] }
      return null
    },
    changes: (doc) => ({
      ...request.changes(doc),
      status: transitions[move].to,
      updatedAt: now,
      history: db.command.push([{ action: move, at: now, ...request.entry } satisfies HistoryEntry]),
    }),
  })
}

/**
 * The submitter rates a closed suggestion once. The update also requires no
 * rating yet, so ten racing ratings store one. Failures in order: NOT_FOUND,
 * FORBIDDEN (not the submitter), INVALID_STATE (not closed), ALREADY_EXISTS.
 */
export function rateSuggestion(db: Database, suggestionId: string, userId: string, rating: { score: number; comment: string; contentReview?: 'pending' }, now: Date): Promise<SuggestionDoc> {
  return step(db, suggestionId, {
    refuse: (doc) => {
      if (doc.userId !== userId) return { code: 'FORBIDDEN', message: '只有提出人可以评价' }
      if (doc.status !== 'closed') return { code: 'INVALID_STATE', message: '办结后才能评价' }
      if (doc.rating) return { code: 'ALREADY_EXISTS', message: '已经评价过了' }
      return null
    },
    condition: (database) => ({ rating: database.command.exists(false) }),
    changes: () => ({
      rating: db.command.set({ ...rating, at: now }),
      updatedAt: now,
      history: db.command.push([{ action: 'rate', at: now, by: userId, byName: '', note: rating.comment } satisfies HistoryEntry]),
    }),
  })
}
