/**
 * Queries: every operator of the port, Mongo's type bracketing on mixed
 * types and missing fields, ordering, paging, projection, count.
 *
 * Each operator test runs on an indexed field and on an unindexed one
 * holding the same values: the local engine answers the first in SQL and
 * the second with mingo alone, and both must agree with CloudBase.
 */
import type { BaseDoc, Query, Where } from '../../cloudfunctions/lib/db/types'
import { describeContract, uid } from './targets'

interface Thing extends BaseDoc {
  group: string
  label: string
  [field: string]: unknown
}

const JAN = new Date('2024-01-01T00:00:00Z')
const MAR = new Date('2024-03-01T00:00:00Z')
const JUN = new Date('2024-06-01T00:00:00Z')

/** One document per value; `missing` has no field at all. */
const MIXED: Array<[label: string, value: unknown]> = [
  ['one', 1],
  ['twoFive', 2.5],
  ['ten', 10],
  ['str1', '1'],
  ['b', 'b'],
  ['B', 'B'],
  ['true', true],
  ['false', false],
  ['null', null],
  ['missing', undefined],
  ['jan', JAN],
  ['jun', JUN],
]
const ALL = MIXED.map(([label]) => label)
const except = (...labels: string[]) => ALL.filter((label) => !labels.includes(label))

describeContract('queries', (db) => {
  const things = () => db().collection<Thing>('things')
  const _ = () => db().command

  describe.each([
    ['an indexed field', 'v'],
    ['an unindexed field', 'pv'],
  ])('operators on %s', (_kind, field) => {
    const group = uid('mixed-')
    const labels = async (condition: Where) =>
      (await things().where({ group, ...condition }).limit(100).get()).data.map((d) => d.label).sort()
    const sorted = (...list: string[]) => [...list].sort()

    beforeAll(async () => {
      for (const [label, value] of MIXED) {
        await things().add({ _id: `${group}-${label}`, group, label, ...(value === undefined ? {} : { v: value, pv: value }) })
      }
    })

    test('should match equality by value and type', async () => {
      expect(await labels({ [field]: 1 })).toEqual(['one'])
      expect(await labels({ [field]: '1' })).toEqual(['str1'])
      expect(await labels({ [field]: true })).toEqual(['true'])
      expect(await labels({ [field]: _().eq(false) })).toEqual(['false'])
      expect(await labels({ [field]: JAN })).toEqual(['jan'])
    })

    test('should match null and a missing field with eq null', async () => {
      expect(await labels({ [field]: null })).toEqual(sorted('null', 'missing'))
      expect(await labels({ [field]: _().eq(null) })).toEqual(sorted('null', 'missing'))
    })

    test('should match every other value, a missing field included, with neq', async () => {
      expect(await labels({ [field]: _().neq(1) })).toEqual(sorted(...except('one')))
      expect(await labels({ [field]: _().neq(null) })).toEqual(sorted(...except('null', 'missing')))
    })

    test('should compare numbers with numbers only', async () => {
      expect(await labels({ [field]: _().gt(1) })).toEqual(sorted('twoFive', 'ten'))
      expect(await labels({ [field]: _().gte(1) })).toEqual(sorted('one', 'twoFive', 'ten'))
      expect(await labels({ [field]: _().lt(10) })).toEqual(sorted('one', 'twoFive'))
      expect(await labels({ [field]: _().lte(2.5) })).toEqual(sorted('one', 'twoFive'))
    })

    test('should compare strings with strings only, by code point', async () => {
      expect(await labels({ [field]: _().lt('b') })).toEqual(sorted('str1', 'B'))
      expect(await labels({ [field]: _().gt('B') })).toEqual(['b'])
      expect(await labels({ [field]: _().gte('0') })).toEqual(sorted('str1', 'B', 'b'))
    })

    test('should compare Dates with Dates only', async () => {
      expect(await labels({ [field]: _().gte(JAN) })).toEqual(sorted('jan', 'jun'))
      expect(await labels({ [field]: _().lt(MAR) })).toEqual(['jan'])
      expect(await labels({ [field]: _().and(_().gt(JAN), _().lte(JUN)) })).toEqual(['jun'])
    })

    test('should match in and nin, with null standing for missing too', async () => {
      expect(await labels({ [field]: _().in([1, 'b', null]) })).toEqual(sorted('one', 'b', 'null', 'missing'))
      expect(await labels({ [field]: _().in([true, JUN]) })).toEqual(sorted('true', 'jun'))
      expect(await labels({ [field]: _().in([]) })).toEqual([])
      expect(await labels({ [field]: _().nin([1, 'b', null]) })).toEqual(sorted(...except('one', 'b', 'null', 'missing')))
      expect(await labels({ [field]: _().nin([2.5]) })).toEqual(sorted(...except('twoFive')))
    })

    test('should tell a null field from a missing one with exists', async () => {
      expect(await labels({ [field]: _().exists(true) })).toEqual(sorted(...except('missing')))
      expect(await labels({ [field]: _().exists(false) })).toEqual(['missing'])
    })

    test('should match strings only with a RegExp, honouring its options', async () => {
      expect(await labels({ [field]: db().RegExp({ regexp: '^b$', options: 'i' }) })).toEqual(sorted('b', 'B'))
      expect(await labels({ [field]: db().RegExp({ regexp: '^1' }) })).toEqual(['str1'])
    })

    test('should combine commands on one field with and / or', async () => {
      expect(await labels({ [field]: _().and([_().gt(1), _().lt(10)]) })).toEqual(['twoFive'])
      expect(await labels({ [field]: _().or(_().eq(1), _().eq('b'), _().exists(false)) })).toEqual(
        sorted('one', 'b', 'missing'),
      )
    })

    test('should combine whole conditions with and / or at the top level', async () => {
      const or = _().or([{ group, [field]: 1 }, { group, [field]: true }])
      expect((await things().where(or).limit(100).get()).data.map((d) => d.label).sort()).toEqual(sorted('one', 'true'))
      const and = _().and([{ group }, _().or([{ [field]: _().lt(2) }, { label: 'b' }])])
      expect((await things().where(and).limit(100).get()).data.map((d) => d.label).sort()).toEqual(sorted('one', 'b'))
    })

    test('should sort mixed types in Mongo order: null/missing, numbers, strings, booleans, Dates', async () => {
      const asc = (await things().where({ group }).orderBy(field, 'asc').limit(100).get()).data.map((d) => d.label)
      expect(sorted(...asc.slice(0, 2))).toEqual(sorted('null', 'missing'))
      expect(asc.slice(2)).toEqual(['one', 'twoFive', 'ten', 'str1', 'B', 'b', 'false', 'true', 'jan', 'jun'])
      const desc = (await things().where({ group }).orderBy(field, 'desc').limit(100).get()).data.map((d) => d.label)
      expect(desc.slice(0, 10)).toEqual(['jun', 'jan', 'true', 'false', 'b', 'B', 'str1', 'ten', 'twoFive', 'one'])
      expect(sorted(...desc.slice(10))).toEqual(sorted('null', 'missing'))
    })

    test('should count what a condition matches', async () => {
      expect(await things().where({ group }).count()).toEqual({ total: MIXED.length })
      expect(await things().where({ group, [field]: _().gt(1) }).count()).toEqual({ total: 2 })
      expect(await things().where({ group, [field]: db().RegExp({ regexp: 'b', options: 'i' }) }).count()).toEqual({
        total: 2,
      })
    })
  })

  describe.each([
    ['indexed fields', 's', 'n'],
    ['unindexed fields', 'ps', 'pn'],
  ])('ordering and paging on %s', (_kind, s, n) => {
    const group = uid('order-')
    const rows: Array<[string, number]> = [
      ['a', 3],
      ['a', 1],
      ['b', 2],
      ['b', 5],
      ['c', 4],
      ['a', 6],
    ]
    const page = async (query: Query<Thing>) => (await query.get()).data.map((d) => `${d[s]}${d[n]}`)
    const inGroup = () => things().where({ group })

    beforeAll(async () => {
      for (const [sv, nv] of rows) await things().add({ group, label: `${sv}${nv}`, s: sv, ps: sv, n: nv, pn: nv })
    })

    test('should order by several keys, each ascending or descending', async () => {
      expect(await page(inGroup().orderBy(s, 'asc').orderBy(n, 'desc').limit(10))).toEqual([
        'a6',
        'a3',
        'a1',
        'b5',
        'b2',
        'c4',
      ])
      expect(await page(inGroup().orderBy(n, 'desc').limit(10))).toEqual(['a6', 'b5', 'c4', 'a3', 'b2', 'a1'])
    })

    test('should skip, then limit, in that order', async () => {
      expect(await page(inGroup().orderBy(s, 'asc').orderBy(n, 'desc').skip(1).limit(3))).toEqual([
        'a3',
        'a1',
        'b5',
      ])
      expect(await page(inGroup().orderBy(n, 'asc').limit(2).skip(4))).toEqual(['b5', 'a6'])
      expect(await page(inGroup().orderBy(n, 'asc').skip(10).limit(5))).toEqual([])
    })

    test('should count every match, whatever the paging', async () => {
      expect(await things().where({ group }).orderBy(n, 'asc').skip(2).limit(1).count()).toEqual({ total: 6 })
    })
  })

  describe('conditions on paths, arrays and _id', () => {
    const group = uid('paths-')
    let ids: string[] = []

    beforeAll(async () => {
      ids = []
      ids.push((await things().add({ group, label: 'x', meta: { kind: 'x', extra: 1 }, tags: ['a', 'b'] })).id)
      ids.push((await things().add({ group, label: 'y', meta: { kind: 'y' }, tags: ['b', 'a'] })).id)
      ids.push((await things().add({ group, label: 'z', tags: [] })).id)
    })
    const labels = async (condition: Where) =>
      (await things().where({ group, ...condition }).limit(100).get()).data.map((d) => d.label).sort()

    test('should read a nested object in where() as dotted paths, not as a whole value', async () => {
      expect(await labels({ meta: { kind: 'x' } })).toEqual(['x'])
      expect(await labels({ 'meta.kind': 'x' })).toEqual(['x'])
      expect(await labels({ meta: { kind: _().in(['x', 'y']) } })).toEqual(['x', 'y'])
      expect(await labels({ meta: { extra: _().exists(false) } })).toEqual(['y', 'z'])
    })

    test('should match an array equal to a given array, or containing a given element', async () => {
      expect(await labels({ tags: ['a', 'b'] })).toEqual(['x'])
      expect(await labels({ tags: 'a' })).toEqual(['x', 'y'])
      expect(await labels({ tags: _().in(['b']) })).toEqual(['x', 'y'])
    })

    test('should select by _id with eq, neq and in', async () => {
      expect(await labels({ _id: ids[1] })).toEqual(['y'])
      expect(await labels({ _id: _().neq(ids[1]) })).toEqual(['x', 'z'])
      expect(await labels({ _id: _().in([ids[0], ids[2], 'nope']) })).toEqual(['x', 'z'])
    })
  })

  describe('projection', () => {
    test('should return only the included fields, and _id', async () => {
      const { id } = await things().add({ group: uid(), label: 'p', a: 1, b: { c: 2, d: 3 } })
      const included = (await things().where({ _id: id }).field({ a: true, 'b.c': true }).limit(1).get()).data
      expect(included).toEqual([{ _id: id, a: 1, b: { c: 2 } }])
      const viaDoc = (await things().doc(id).field({ label: true }).get()).data
      expect(viaDoc).toEqual([{ _id: id, label: 'p' }])
    })

    test('should drop the excluded fields', async () => {
      const group = uid()
      const { id } = await things().add({ group, label: 'p', a: 1, b: 2 })
      const excluded = (await things().where({ _id: id }).field({ a: false, label: false }).limit(1).get()).data
      expect(excluded).toEqual([{ _id: id, group, b: 2 }])
    })
  })

  describe('limit', () => {
    test('should return at most 1000 documents even when more are asked for', async () => {
      const group = uid('many-')
      const total = 1005
      for (let start = 0; start < total; start += 50) {
        await Promise.all(
          Array.from({ length: Math.min(50, total - start) }, (_unused, i) =>
            things().add({ group, label: 'many', n: start + i }),
          ),
        )
      }
      expect((await things().where({ group }).limit(5000).get()).data).toHaveLength(1000)
      expect(await things().where({ group }).count()).toEqual({ total })
      const rest = (await things().where({ group }).orderBy('n', 'asc').skip(1000).limit(1000).get()).data
      expect(rest.map((d) => d.n)).toEqual([1000, 1001, 1002, 1003, 1004])
    }, 120_000)
  })
})
