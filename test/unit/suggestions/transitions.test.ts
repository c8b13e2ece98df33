/**
 * The suggestion state machine without HTTP: the transitions table's shape,
 * and moves interleaved by hand — another caller's whole move lands between
 * this move's read and its conditional update, which real races reach only
 * by luck. The update must match nothing, read again and be refused by (or
 * build on) what it finds, never overwrite it.
 */
import { openLocalDatabase, type LocalDatabase } from '../../../cloudfunctions/lib/db/local'
import type { Database } from '../../../cloudfunctions/lib/db/types'
import { suggestionStatuses, toPublicSuggestion, type SuggestionDoc, type SuggestionStatus } from '../../../cloudfunctions/lib/suggestions/model'
import { canMove, canRate, moves, moveSuggestion, rateSuggestion, transitions } from '../../../cloudfunctions/lib/suggestions/transitions'
import { withHookAfterFirstRead } from '../../helpers/interleave'

const createdAt = new Date('2026-05-01T08:00:00Z')
const now = new Date('2026-05-03T08:00:00Z')
const staff = { by: 'u-staff', byName: '王丽', note: '' }

const base = (status: SuggestionStatus): SuggestionDoc => ({
  _id: 's-1',
  communityId: 'c-xingfu',
  userId: 'u-resident',
  submitterName: '刘秀英',
  anonymous: false,
  category: '设施维修',
  title: '路灯坏了',
  content: '东门路灯坏了一周',
  photos: ['/uploads/0123456789abcdef0123456789abcdef.jpg'],
  status,
  declineReason: '',
  assignee: null,
  replies: [],
  result: '',
  resultPhotos: [],
  history: [{ action: 'submit', at: createdAt, by: 'u-resident', byName: '', note: '' }],
  createdAt,
  updatedAt: createdAt,
})

describe('suggestion transitions table', () => {
  it('should leave closed, declined and withdrawn with no moves at all', () => {
    for (const status of ['closed', 'declined', 'withdrawn'] as const) expect(moves.filter((move) => canMove(move, status))).toEqual([])
  })

  it('should reach every status from submitted', () => {
    const reached = new Set<SuggestionStatus>(['submitted'])
    for (let round = 0; round < suggestionStatuses.length; round += 1)
      for (const move of moves) for (const from of transitions[move].from) if (reached.has(from)) reached.add(transitions[move].to)
    expect([...reached].sort()).toEqual([...suggestionStatuses].sort())
  })

  it('should allow a rating only on a closed suggestion that has none', () => {
    expect(suggestionStatuses.filter((status) => canRate({ status }))).toEqual(['closed'])
    expect(canRate({ status: 'closed', rating: { score: 3, comment: '', at: now } })).toBe(false)
  })
})

describe('suggestion public view', () => {
  it('should carry no name, photo, staff name or rating comment', () => {
    const doc: SuggestionDoc = {
      ...base('closed'),
      replies: [{ text: '已安排', at: now, by: 'u-staff', byName: '王丽' }],
      result: '已修好',
      rating: { score: 4, comment: '刘秀英很满意', at: now },
    }
    const text = JSON.stringify(toPublicSuggestion(doc))
    for (const secret of ['刘秀英', '王丽', 'u-resident', 'u-staff', doc.photos[0]]) expect(text).not.toContain(secret)
    expect(toPublicSuggestion(doc)).toMatchObject({ submitterMasked: '刘*英', score: 4 })
    expect(toPublicSuggestion({ ...doc, anonymous: true }).submitterMasked).toBe('匿名居民')
  })
})

describe('suggestion interleavings', () => {
  let db: LocalDatabase
  beforeEach(() => {
    db = openLocalDatabase({ file: ':memory:' })
  })
  afterEach(() => db.close())

  const doc = async () => (await db.collection<SuggestionDoc>('suggestions').doc('s-1').get()).data[0]
  const close = (database: Database, result: string) =>
    moveSuggestion(database, 's-1', { move: 'close', entry: { ...staff, note: result }, changes: () => ({ result, closedAt: now }), now })

  it('should refuse a close whose read was overtaken by another close, keeping the first result', async () => {
    await db.collection<SuggestionDoc>('suggestions').add(base('replied'))
    const racing = withHookAfterFirstRead(db, 'suggestions', () => close(db, '先到的结果'))
    await expect(close(racing, '后到的结果')).rejects.toMatchObject({ code: 'INVALID_STATE' })
    const after = await doc()
    expect(after).toMatchObject({ status: 'closed', result: '先到的结果' })
    expect(after.history.filter((entry) => entry.action === 'close')).toHaveLength(1)
  })

  it('should keep a reply overtaken by the first reply, without moving repliedAt', async () => {
    await db.collection<SuggestionDoc>('suggestions').add(base('assigned'))
    const reply = (database: Database, text: string, at: Date) =>
      moveSuggestion(database, 's-1', {
        move: 'reply',
        entry: { ...staff, note: text },
        changes: (current) => ({ replies: db.command.push([{ text, at, by: 'u-staff', byName: '王丽' }]), ...(current.repliedAt ? {} : { repliedAt: at }) }),
        now: at,
      })
    const first = new Date(now.getTime() + 1000)
    const racing = withHookAfterFirstRead(db, 'suggestions', () => reply(db, '第一条', first))
    await reply(racing, '第二条', now)
    const after = await doc()
    expect(after.replies.map((entry) => entry.text)).toEqual(['第一条', '第二条'])
    expect(after.repliedAt).toEqual(first)
  })

  it('should refuse a second rating that read the suggestion before the first landed', async () => {
    await db.collection<SuggestionDoc>('suggestions').add(base('closed'))
    const racing = withHookAfterFirstRead(db, 'suggestions', () => rateSuggestion(db, 's-1', 'u-resident', { score: 5, comment: '好' }, now))
    await expect(rateSuggestion(racing, 's-1', 'u-resident', { score: 1, comment: '差' }, now)).rejects.toMatchObject({ code: 'ALREADY_EXISTS' })
    expect((await doc()).rating).toMatchObject({ score: 5 })
  })

  it('should refuse a withdrawal overtaken by staff accepting it', async () => {
    await db.collection<SuggestionDoc>('suggestions').add(base('submitted'))
    const accept = () => moveSuggestion(db, 's-1', { move: 'accept', entry: staff, changes: () => ({ acceptedAt: now }), now })
    const racing = withHookAfterFirstRead(db, 'suggestions', accept)
    const withdraw = moveSuggestion(racing, 's-1', { move: 'withdraw', mayAct: (current) => current.userId === 'u-resident', entry: { by: 'u-resident', byName: '', note: '' }, changes: () => ({ withdrawnAt: now }), now })
    await expect(withdraw).rejects.toMatchObject({ code: 'INVALID_STATE' })
    expect(await doc()).toMatchObject({ status: 'accepted' })
  })
})
