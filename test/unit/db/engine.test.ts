/**
 * Behaviours of the local engine that CloudBase does not share, or that
 * only the engine can show: its stricter refusals, its storage, its
 * transaction machinery.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openLocalDatabase, type LocalDatabase } from '../../../cloudfunctions/lib/db/local'
import type { CollectionSpec } from '../../../cloudfunctions/lib/db/schema'
import { indexDdl } from '../../../cloudfunctions/lib/db/local/sql'

const schema = {
  items: {
    indexes: [
      { name: 'status_at', keys: [['status', 1], ['at', -1]] },
      { name: 'meta_kind', keys: [['meta.kind', 1]] },
    ],
  },
  codes: { indexes: [{ name: 'code', keys: [['code', 1]], unique: true }] },
} satisfies Record<string, CollectionSpec>

let db: LocalDatabase
beforeEach(() => {
  db = openLocalDatabase({ file: ':memory:', schema })
})
afterEach(() => db.close())

const rawRow = (collection: string, id: string) =>
  db.sqlite.prepare(`SELECT rev, doc FROM "${collection}" WHERE _id = ?`).get(id) as { rev: number; doc: string } | undefined

describe('limits', () => {
  test('should refuse get() on a query without limit(), saying limit is required', async () => {
    await expect(db.collection('items').where({ status: 'a' }).get()).rejects.toThrow(/limit\(\) is required/)
    await expect(db.collection('items').get()).rejects.toMatchObject({ code: 'INVALID_PARAM' })
  })

  test('should not need a limit for doc(id).get()', async () => {
    const { id } = await db.collection('items').add({ status: 'a' })
    expect((await db.collection('items').doc(id).get()).data).toHaveLength(1)
  })

  test('should cap limit() at 1000 and refuse a limit below 1', async () => {
    const items = db.collection('items')
    db.sqlite.transaction(() => {
      for (let i = 0; i < 1200; i++) db.sqlite.prepare('INSERT INTO items VALUES (?, 1, ?)').run(`i${i}`, `{"_id":"i${i}","status":"s"}`)
    })()
    expect((await items.where({ status: 's' }).limit(1001).get()).data).toHaveLength(1000)
    expect(() => items.limit(0)).toThrow(/positive integer/)
    expect(() => items.skip(-1)).toThrow(/non-negative/)
  })

  test('should refuse paging on update() and remove(), which CloudBase applies to every match', async () => {
    await expect(db.collection('items').where({ status: 'a' }).limit(1).update({ x: 1 })).rejects.toMatchObject({
      code: 'INVALID_PARAM',
    })
    await expect(db.collection('items').orderBy('at', 'asc').remove()).rejects.toMatchObject({ code: 'INVALID_PARAM' })
  })
})

describe('indexed fields hold scalars only', () => {
  test.each([
    ['an array', { status: ['a'] }],
    ['an object', { status: { x: 1 } }],
    ['a path through an array', { meta: [{ kind: 'x' }] }],
  ])('should refuse to add %s in an indexed field and write nothing', async (_kind, doc) => {
    await expect(db.collection('items').add({ _id: 'x', ...doc })).rejects.toMatchObject({ code: 'INVALID_PARAM' })
    expect(rawRow('items', 'x')).toBeUndefined()
  })

  test('should accept strings, numbers, booleans, Dates, null and missing', async () => {
    for (const status of ['s', 1, true, new Date(), null, undefined]) {
      await expect(db.collection('items').add({ status, meta: { kind: status } })).resolves.toHaveProperty('id')
    }
  })

  test('should refuse an update, a set or a transaction that puts an array there, leaving the document', async () => {
    const { id } = await db.collection('items').add({ status: 'a', tags: [] })
    const _ = db.command
    await expect(db.collection('items').doc(id).update({ status: _.set(['x']) })).rejects.toMatchObject({
      code: 'INVALID_PARAM',
    })
    await expect(db.collection('items').doc(id).update({ meta: { kind: { deep: 1 } } })).rejects.toMatchObject({
      code: 'INVALID_PARAM',
    })
    await expect(db.collection('items').doc(id).set({ status: [] })).rejects.toMatchObject({ code: 'INVALID_PARAM' })
    await expect(
      db.runTransaction(async (tx) => {
        await tx.collection('items').doc(id).update({ status: ['x'] })
      }),
    ).rejects.toMatchObject({ code: 'INVALID_PARAM' })
    expect(JSON.parse(rawRow('items', id)!.doc)).toEqual({ _id: id, status: 'a', tags: [] })
  })

})

describe('schema on open', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tongxin-engine-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  const indexSql = (local: LocalDatabase, name: string) =>
    (local.sqlite.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).get(name) as { sql: string } | undefined)?.sql

  test('should refuse to add an index over stored documents that break the scalar rule', async () => {
    const file = join(dir, 'db.sqlite')
    const first = openLocalDatabase({ file, schema: { things: { indexes: [] } } })
    await first.collection('things').add({ tags: ['a'] })
    first.close()
    const tagged = { things: { indexes: [{ name: 'tags', keys: [['tags', 1]] as Array<[string, 1]> }] } }
    expect(() => openLocalDatabase({ file, schema: tagged })).toThrow(/indexed field "tags"/)
  })

  test('should rebuild an index whose definition changed and drop one no longer declared', () => {
    const file = join(dir, 'db.sqlite')
    const first = openLocalDatabase({
      file,
      schema: { things: { indexes: [{ name: 'a', keys: [['a', 1]] }, { name: 'old', keys: [['o', 1]] }] } },
    })
    const before = indexSql(first, 'things__a')
    // Stored exactly as generated, so reopening with an unchanged schema rebuilds nothing.
    expect(before).toBe(indexDdl('things', { name: 'a', keys: [['a', 1]] }))
    first.close()
    const second = openLocalDatabase({ file, schema: { things: { indexes: [{ name: 'a', keys: [['a', -1]] }] } } })
    try {
      expect(indexSql(second, 'things__a')).not.toEqual(before)
      expect(indexSql(second, 'things__a')).toContain('DESC')
      expect(indexSql(second, 'things__old')).toBeUndefined()
    } finally {
      second.close()
    }
  })
})

describe('storage', () => {
  test('should store Dates as {"$date": ms} and bump rev only when a write changes the document', async () => {
    const at = new Date('2024-01-02T03:04:05.678Z')
    const { id } = await db.collection('items').add({ status: 'a', at })
    expect(rawRow('items', id)).toEqual({ rev: 1, doc: JSON.stringify({ _id: id, status: 'a', at: { $date: at.getTime() } }) })
    await db.collection('items').doc(id).update({ status: 'a' })
    expect(rawRow('items', id)!.rev).toBe(1)
    await db.collection('items').doc(id).update({ status: 'b' })
    expect(rawRow('items', id)!.rev).toBe(2)
  })

  test('should generate 32 hex character ids', async () => {
    const { id } = await db.collection('items').add({})
    expect(id).toMatch(/^[0-9a-f]{32}$/)
  })

  test('should refuse field names starting with "$" or containing "."', async () => {
    await expect(db.collection('items').add({ $date: 1 })).rejects.toMatchObject({ code: 'INVALID_PARAM' })
    await expect(db.collection('items').add({ nested: { 'a.b': 1 } })).rejects.toMatchObject({ code: 'INVALID_PARAM' })
  })

  test('should refuse an undeclared collection as CloudBase does, and create no table', async () => {
    const scratch = db.collection('scratch')
    await expect(scratch.add({ n: 1 })).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' })
    await expect(scratch.where({ n: 1 }).limit(1).get()).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' })
    await expect(scratch.doc('x').update({ n: 2 })).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' })
    await expect(db.runTransaction((tx) => tx.collection('scratch').doc('x').get())).rejects.toMatchObject({
      code: 'DATABASE_COLLECTION_NOT_EXIST',
    })
    expect(db.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'scratch'`).get()).toBeUndefined()
  })

  test('should roll back a multi-document update that hits a unique key part-way', async () => {
    const codes = db.collection('codes')
    await codes.add({ _id: 'a', code: 'a', group: 'g' })
    await codes.add({ _id: 'b', code: 'b', group: 'g' })
    await expect(codes.where({ group: 'g' }).update({ code: 'same' })).rejects.toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
    })
    expect((await codes.where({ group: 'g' }).orderBy('code', 'asc').limit(10).get()).data.map((d) => d.code)).toEqual([
      'a',
      'b',
    ])
  })
})

describe('stricter than CloudBase', () => {
  test('should refuse a second where() on one query, which CloudBase would silently replace', () => {
    expect(() => db.collection('items').where({ status: 'a' }).where({ at: null })).toThrow(/where\(\) was already called/)
  })

  test('should refuse undefined and empty objects in where(), which CloudBase drops', () => {
    expect(() => db.collection('items').where({ status: undefined as unknown as string })).toThrow(/undefined/)
    expect(() => db.collection('items').where({ meta: {} })).toThrow(/empty object/)
  })

  test('should refuse an empty object or an empty body in update()', async () => {
    const { id } = await db.collection('items').add({ meta: { kind: 'x' } })
    await expect(db.collection('items').doc(id).update({ other: {} })).rejects.toThrow(/command.set/)
    await expect(db.collection('items').doc(id).update({})).rejects.toMatchObject({ code: 'INVALID_PARAM' })
  })

  test('should refuse an update Mongo would refuse, where mingo alone would skip it', async () => {
    const { id } = await db.collection('items').add({ name: 'x', n: null, list: 1 })
    const _ = db.command
    await expect(db.collection('items').doc(id).update({ name: _.inc(1) })).rejects.toMatchObject({
      code: 'DATABASE_REQUEST_FAILED',
    })
    await expect(db.collection('items').doc(id).update({ 'n.x': 1 })).rejects.toMatchObject({
      code: 'DATABASE_REQUEST_FAILED',
    })
    await expect(db.collection('items').doc(id).update({ list: _.push(2) })).rejects.toMatchObject({
      code: 'DATABASE_REQUEST_FAILED',
    })
    expect(rawRow('items', id)!.rev).toBe(1)
  })

  test('should refuse overlapping paths in one update', async () => {
    const { id } = await db.collection('items').add({ meta: { kind: 'x' } })
    await expect(db.collection('items').doc(id).update({ meta: db.command.set({}), 'meta.kind': 'y' })).rejects.toThrow(
      /overlap/,
    )
  })
})

describe('transactions', () => {
  test('should run fn times + 1 times in all, as the SDK does, and then reject with the conflict', async () => {
    const { id } = await db.collection('items').add({ n: 0 })
    let attempts = 0
    await expect(
      db.runTransaction(async (tx) => {
        attempts++
        await tx.collection('items').doc(id).get()
        await db.collection('items').doc(id).update({ n: db.command.inc(1) })
        await tx.collection('items').doc(id).update({ n: -1 })
      }, 2),
    ).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    expect(attempts).toBe(3)
    expect(JSON.parse(rawRow('items', id)!.doc).n).toBe(3)
  })

  test('should never show fn two documents from different moments', async () => {
    const a = (await db.collection('items').add({ n: 50 })).id
    const b = (await db.collection('items').add({ n: 50 })).id
    const seen: number[] = []
    let attempts = 0
    await db.runTransaction(async (tx) => {
      attempts++
      const first = (await tx.collection('items').doc(a).get()).data!.n as number
      if (attempts === 1) {
        // Another request moves 10 from a to b between fn's two reads.
        await db.runTransaction(async (other) => {
          await other.collection('items').doc(a).update({ n: db.command.inc(-10) })
          await other.collection('items').doc(b).update({ n: db.command.inc(10) })
        })
      }
      const second = (await tx.collection('items').doc(b).get()).data!.n as number
      seen.push(first + second)
    })
    // Read as of its snapshot: b before the transfer, so the two reads add up. It wrote nothing, so it commits.
    expect(attempts).toBe(1)
    expect(seen).toEqual([100])
  })

  test('should read every document as of the moment the transaction began, even after later commits', async () => {
    const { id } = await db.collection('items').add({ n: 1 })
    const seen: unknown[] = []
    await db.runTransaction(async (tx) => {
      await db.collection('items').doc(id).update({ n: 2 })
      await db.collection('items').add({ _id: 'later', n: 9 })
      seen.push((await tx.collection('items').doc(id).get()).data!.n, (await tx.collection('items').doc('later').get()).data)
    })
    expect(seen).toEqual([1, null])
  })

  test('should commit a transaction whose only read document changed: CloudBase aborts on write-write conflicts only', async () => {
    const guard = (await db.collection('items').add({ open: true })).id
    const target = (await db.collection('items').add({ n: 0 })).id
    let attempts = 0
    await db.runTransaction(async (tx) => {
      attempts++
      const open = (await tx.collection('items').doc(guard).get()).data!.open
      await db.collection('items').doc(guard).update({ open: false })
      if (open) await tx.collection('items').doc(target).update({ n: 1 })
    })
    // The write skew a read guard allows: it acted on open = true though open is false now.
    expect(attempts).toBe(1)
    expect(JSON.parse(rawRow('items', target)!.doc).n).toBe(1)
  })

  test('should let two transactions that each read both documents and write a different one both commit (write skew)', async () => {
    const a = (await db.collection('items').add({ on: true })).id
    const b = (await db.collection('items').add({ on: true })).id
    let release!: () => void
    const bothRead = new Promise<void>((resolve) => (release = resolve))
    let reads = 0
    // Each turns its own flag off if the other is still on: together they break "at least one stays on".
    const turnOff = (mine: string, other: string) =>
      db.runTransaction(async (tx) => {
        const [own, others] = await Promise.all([tx.collection('items').doc(mine).get(), tx.collection('items').doc(other).get()])
        if (++reads === 2) release()
        await bothRead
        if (own.data!.on && others.data!.on) await tx.collection('items').doc(mine).update({ on: false })
      }, 0)
    await Promise.all([turnOff(a, b), turnOff(b, a)])
    expect([JSON.parse(rawRow('items', a)!.doc).on, JSON.parse(rawRow('items', b)!.doc).on]).toEqual([false, false])
  })

  test('should abort the later of two transactions writing the same document: first committer wins', async () => {
    const { id } = await db.collection('items').add({ n: 0 })
    let release!: () => void
    const bothRead = new Promise<void>((resolve) => (release = resolve))
    let reads = 0
    const add = (by: number) =>
      db.runTransaction(async (tx) => {
        const n = (await tx.collection('items').doc(id).get()).data!.n as number
        if (++reads === 2) release()
        await bothRead
        await tx.collection('items').doc(id).update({ n: n + by })
      }, 0)
    const outcomes = await Promise.allSettled([add(1), add(10)])
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: { code: 'DATABASE_TRANSACTION_CONFLICT' } })
    expect([1, 10]).toContain(JSON.parse(rawRow('items', id)!.doc).n)
  })

  test('should fail a transaction that outlives its lifetime with DATABASE_TRANSACTION_FAIL, not retry it, and write nothing', async () => {
    let clock = 0
    const timed = openLocalDatabase({ file: ':memory:', schema, now: () => clock, transactionLifetimeMs: 30_000 })
    try {
      const { id } = await timed.collection('items').add({ n: 0 })
      let attempts = 0
      await expect(
        timed.runTransaction(async (tx) => {
          attempts++
          await tx.collection('items').doc(id).update({ n: 1 })
          clock += 30_001
        }, 3),
      ).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' })
      expect(attempts).toBe(1)
      expect((await timed.collection('items').doc(id).get()).data[0]).toMatchObject({ n: 0 })
      // Within the lifetime it commits.
      await timed.runTransaction(async (tx) => {
        await tx.collection('items').doc(id).update({ n: 2 })
        clock += 29_999
      })
      expect((await timed.collection('items').doc(id).get()).data[0]).toMatchObject({ n: 2 })
    } finally {
      timed.close()
    }
  })

  test('should refuse operations after the transaction ended or was rolled back', async () => {
    const { id } = await db.collection('items').add({ n: 0 })
    let kept: Parameters<Parameters<typeof db.runTransaction>[0]>[0] | undefined
    await db.runTransaction(async (tx) => {
      kept = tx
    })
    await expect(kept!.collection('items').doc(id).get()).rejects.toThrow(/finished/)
    await expect(
      db.runTransaction(async (tx) => {
        await tx.rollback('stop')
        await tx.collection('items').doc(id).update({ n: 1 })
      }),
    ).rejects.toBe('stop')
    expect(JSON.parse(rawRow('items', id)!.doc).n).toBe(0)
  })

  test('should notice a document deleted and created again since it was read, though its rev starts over', async () => {
    await db.collection('items').add({ _id: 'reborn', n: 1 })
    let attempts = 0
    await db.runTransaction(async (tx) => {
      attempts++
      const n = (await tx.collection('items').doc('reborn').get()).data!.n as number
      if (attempts === 1) {
        await db.collection('items').doc('reborn').remove()
        await db.collection('items').add({ _id: 'reborn', n: 100 })
      }
      await tx.collection('items').doc('reborn').update({ n: n + 1 })
    })
    expect(attempts).toBe(2)
    expect(JSON.parse(rawRow('items', 'reborn')!.doc).n).toBe(101)
  })

  test('should check a blind write against the revision at the time of the write', async () => {
    const { id } = await db.collection('items').add({ n: 0 })
    let attempts = 0
    await db.runTransaction(async (tx) => {
      attempts++
      await tx.collection('items').doc(id).update({ n: db.command.inc(1) })
      if (attempts === 1) await db.collection('items').doc(id).update({ n: db.command.inc(10) })
    })
    expect(attempts).toBe(2)
    expect(JSON.parse(rawRow('items', id)!.doc).n).toBe(11)
  })
})
