/**
 * Document writes and reads: result shapes, `updated` counts, duplicates,
 * Dates, serverDate, and CloudBase's update-body rules.
 */
import type { BaseDoc } from '../../cloudfunctions/lib/db/types'
import { describeContract, uid } from './targets'

interface Note extends BaseDoc {
  [field: string]: unknown
}

describeContract('documents', (db) => {
  const notes = () => db().collection<Note>('accounts')
  const getOne = async (id: string) => (await notes().doc(id).get()).data[0]

  describe('add and get', () => {
    test('should add with a generated _id and return it as { id }', async () => {
      const result = await notes().add({ title: 'hello', n: 1 })
      expect(Object.keys(result)).toContain('id')
      expect(typeof result.id).toBe('string')
      expect(result.id.length).toBeGreaterThan(0)
      expect(await getOne(result.id)).toEqual({ _id: result.id, title: 'hello', n: 1 })
    })

    test('should keep an _id given to add()', async () => {
      const id = uid('note-')
      expect(await notes().add({ _id: id, title: 'x' })).toMatchObject({ id })
      expect(await getOne(id)).toEqual({ _id: id, title: 'x' })
    })

    test('should return { data: [doc] } from doc(id).get() and { data: [] } when it does not exist', async () => {
      const { id } = await notes().add({ title: 'y' })
      const found = await notes().doc(id).get()
      expect(found.data).toHaveLength(1)
      const missing = await notes().doc(uid('missing-')).get()
      expect(missing.data).toEqual([])
    })

    test('should return copies: mutating a result does not change the stored document', async () => {
      const { id } = await notes().add({ title: 'z', nested: { list: [1, 2] } })
      const first = await getOne(id)
      ;(first.nested as { list: number[] }).list.push(3)
      first.title = 'changed'
      expect(await getOne(id)).toEqual({ _id: id, title: 'z', nested: { list: [1, 2] } })
    })

    test('should refuse a duplicate _id with DATABASE_DUPLICATE_WRITE and keep the original', async () => {
      const id = uid('dup-')
      await notes().add({ _id: id, title: 'first' })
      await expect(notes().add({ _id: id, title: 'second' })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
      await expect(notes().doc(id).create({ title: 'third' })).rejects.toMatchObject({
        code: 'DATABASE_DUPLICATE_WRITE',
      })
      expect(await getOne(id)).toEqual({ _id: id, title: 'first' })
    })

    test('should create with doc(id).create() and return { id }', async () => {
      const id = uid('created-')
      expect(await notes().doc(id).create({ title: 'c' })).toMatchObject({ id })
      expect(await getOne(id)).toEqual({ _id: id, title: 'c' })
    })
  })

  describe('set', () => {
    test('should insert a missing document and report { updated: 0, upsertedId }', async () => {
      const id = uid('set-')
      const result = await notes().doc(id).set({ title: 's' })
      expect(result).toMatchObject({ updated: 0, upsertedId: id })
      expect(await getOne(id)).toEqual({ _id: id, title: 's' })
    })

    test('should replace the whole document and report { updated: 1 }', async () => {
      const { id } = await notes().add({ title: 'old', keep: 'gone' })
      expect(await notes().doc(id).set({ title: 'new' })).toMatchObject({ updated: 1 })
      expect(await getOne(id)).toEqual({ _id: id, title: 'new' })
    })
  })

  describe('update', () => {
    test('should update one document and keep its other fields', async () => {
      const { id } = await notes().add({ title: 'a', n: 1 })
      expect(await notes().doc(id).update({ n: 2 })).toMatchObject({ updated: 1 })
      expect(await getOne(id)).toEqual({ _id: id, title: 'a', n: 2 })
    })

    test('should report { updated: 0 } and create nothing when the document does not exist', async () => {
      const id = uid('nothing-')
      expect(await notes().doc(id).update({ n: 1 })).toMatchObject({ updated: 0 })
      expect((await notes().doc(id).get()).data).toEqual([])
    })

    test('should update every matching document and count them', async () => {
      const group = uid('g-')
      for (const n of [1, 2, 3, 4]) await notes().add({ group, n, flag: false })
      const _ = db().command
      expect(await notes().where({ group, n: _.gte(2) }).update({ flag: true })).toMatchObject({ updated: 3 })
      const flags = (await notes().where({ group }).orderBy('n', 'asc').limit(10).get()).data.map((d) => d.flag)
      expect(flags).toEqual([false, true, true, true])
    })

    test('should report { updated: 0 } when the condition matches nothing', async () => {
      const { id } = await notes().add({ status: 'open' })
      expect(await notes().where({ _id: id, status: 'closed' }).update({ status: 'done' })).toMatchObject({
        updated: 0,
      })
      expect((await getOne(id)).status).toBe('open')
    })

    test('should not count a document the update leaves unchanged', async () => {
      const { id } = await notes().add({ status: 'open' })
      expect(await notes().doc(id).update({ status: 'open' })).toMatchObject({ updated: 0 })
    })

    test('should flatten a nested object into paths, keeping sibling fields', async () => {
      const { id } = await notes().add({ meta: { kind: 'x', extra: 1 } })
      await notes().doc(id).update({ meta: { kind: 'y' } })
      expect((await getOne(id)).meta).toEqual({ kind: 'y', extra: 1 })
      await notes().doc(id).update({ 'meta.extra': 2 })
      expect((await getOne(id)).meta).toEqual({ kind: 'y', extra: 2 })
    })

    test('should replace a whole value with command.set()', async () => {
      const { id } = await notes().add({ meta: { kind: 'x', extra: 1 } })
      await notes().doc(id).update({ meta: db().command.set({ kind: 'z' }) })
      expect((await getOne(id)).meta).toEqual({ kind: 'z' })
    })

    test('should apply inc, mul and remove', async () => {
      const _ = db().command
      const { id } = await notes().add({ a: 1, b: 3, c: 'x', nested: { d: 1 } })
      expect(await notes().doc(id).update({ a: _.inc(5), b: _.mul(2), c: _.remove(), nested: { d: _.inc(-1) } }))
        .toMatchObject({ updated: 1 })
      expect(await getOne(id)).toEqual({ _id: id, a: 6, b: 6, nested: { d: 0 } })
    })

    test('should create a missing field with inc', async () => {
      const { id } = await notes().add({})
      await notes().doc(id).update({ count: db().command.inc(2) })
      expect((await getOne(id)).count).toBe(2)
    })

    test('should push one value or an array of values, pull, and addToSet without duplicates', async () => {
      const _ = db().command
      const { id } = await notes().add({ tags: ['a'] })
      await notes().doc(id).update({ tags: _.push('b') })
      await notes().doc(id).update({ tags: _.push(['c', 'd']) })
      expect((await getOne(id)).tags).toEqual(['a', 'b', 'c', 'd'])
      await notes().doc(id).update({ tags: _.pull('c') })
      expect((await getOne(id)).tags).toEqual(['a', 'b', 'd'])
      expect(await notes().doc(id).update({ tags: _.addToSet('a') })).toMatchObject({ updated: 0 })
      await notes().doc(id).update({ tags: _.addToSet('e') })
      expect((await getOne(id)).tags).toEqual(['a', 'b', 'd', 'e'])
    })

    test('should refuse to change _id', async () => {
      const { id } = await notes().add({ n: 1 })
      await expect(notes().doc(id).update({ _id: 'other' })).rejects.toHaveProperty('code')
      expect(await getOne(id)).toEqual({ _id: id, n: 1 })
    })
  })

  describe('remove', () => {
    test('should remove one document and report { deleted: 1 }, then { deleted: 0 }', async () => {
      const { id } = await notes().add({ n: 1 })
      expect(await notes().doc(id).remove()).toMatchObject({ deleted: 1 })
      expect(await notes().doc(id).remove()).toMatchObject({ deleted: 0 })
      expect((await notes().doc(id).get()).data).toEqual([])
    })

    test('should remove every matching document and count them', async () => {
      const group = uid('rm-')
      for (const n of [1, 2, 3]) await notes().add({ group, n })
      expect(await notes().where({ group, n: db().command.lt(3) }).remove()).toMatchObject({ deleted: 2 })
      expect(await notes().where({ group }).count()).toEqual({ total: 1 })
    })
  })

  describe('dates', () => {
    test('should store Dates and return them as Dates, at the top level, nested and in arrays', async () => {
      const at = new Date('2024-05-06T07:08:09.123Z')
      const { id } = await notes().add({ at, nested: { at }, list: [at] })
      const doc = await getOne(id)
      expect(doc.at).toBeInstanceOf(Date)
      expect((doc.at as Date).getTime()).toBe(at.getTime())
      expect(doc.nested).toEqual({ at })
      expect(doc.list).toEqual([at])
    })

    test('should set serverDate() to the time of the write', async () => {
      const before = Date.now()
      const { id } = await notes().add({ at: db().serverDate() })
      const after = Date.now()
      const at = (await getOne(id)).at as Date
      expect(at).toBeInstanceOf(Date)
      // A minute of slack for the clock of a remote server.
      expect(at.getTime()).toBeGreaterThanOrEqual(before - 60_000)
      expect(at.getTime()).toBeLessThanOrEqual(after + 60_000)
    })

    test('should apply a serverDate offset in milliseconds, in add and in update', async () => {
      const { id } = await notes().add({ a: db().serverDate(), b: db().serverDate({ offset: 3_600_000 }) })
      const added = await getOne(id)
      expect((added.b as Date).getTime() - (added.a as Date).getTime()).toBeGreaterThanOrEqual(3_599_000)
      expect((added.b as Date).getTime() - (added.a as Date).getTime()).toBeLessThanOrEqual(3_601_000)
      await notes().doc(id).update({ c: db().serverDate({ offset: -60_000 }) })
      const updated = await getOne(id)
      expect(updated.c).toBeInstanceOf(Date)
      expect((updated.c as Date).getTime()).toBeLessThan(Date.now())
    })
  })

  describe('unique indexes', () => {
    const members = () => db().collection<Note>('members')

    test('should refuse a duplicate unique key on add and write nothing', async () => {
      const code = uid('code-')
      await members().add({ code, name: 'first' })
      const id = uid('m-')
      await expect(members().add({ _id: id, code, name: 'second' })).rejects.toMatchObject({
        code: 'DATABASE_DUPLICATE_WRITE',
      })
      expect((await members().doc(id).get()).data).toEqual([])
      expect(await members().where({ code }).count()).toEqual({ total: 1 })
    })

    test('should refuse an update or set that duplicates a unique key and leave the document as it was', async () => {
      const taken = uid('code-')
      await members().add({ code: taken })
      const { id } = await members().add({ code: uid('code-'), name: 'me' })
      const before = await members().doc(id).get()
      await expect(members().doc(id).update({ code: taken })).rejects.toMatchObject({
        code: 'DATABASE_DUPLICATE_WRITE',
      })
      await expect(members().doc(id).set({ code: taken })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
      expect(await members().doc(id).get()).toEqual(before)
    })

    test('should treat a missing unique field as null: a second document without it is a duplicate', async () => {
      const tokens = db().collection<Note>('tokens')
      const { id } = await tokens.add({ note: 'no token' })
      try {
        await expect(tokens.add({ note: 'no token either' })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
        await expect(tokens.add({ token: null })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
        await expect(tokens.add({ token: uid() })).resolves.toHaveProperty('id')
      } finally {
        await tokens.doc(id).remove()
      }
    })
  })
})
