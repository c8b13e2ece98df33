/**
 * The SQL translation: exact where it claims to be (the indexed path and the
 * mingo-only path return the same documents in the same order), and
 * answered from the indexes (EXPLAIN QUERY PLAN).
 */
import fc from 'fast-check'
import { openLocalDatabase, type LocalDatabase } from '../../../cloudfunctions/lib/db/local'
import type { CollectionSpec } from '../../../cloudfunctions/lib/db/schema'
import { translate } from '../../../cloudfunctions/lib/db/local/sql'
import { parseWhere } from '../../../cloudfunctions/lib/db/local/where'
import type { Where } from '../../../cloudfunctions/lib/db/types'

const schema = {
  items: {
    indexes: [
      { name: 'v', keys: [['v', 1]] },
      { name: 'status_at', keys: [['status', 1], ['at', -1]] },
    ],
  },
} satisfies Record<string, CollectionSpec>

let db: LocalDatabase
beforeEach(() => {
  db = openLocalDatabase({ file: ':memory:', schema })
})
afterEach(() => db.close())

describe('exactness against mingo', () => {
  const DATES = [new Date(0), new Date(1_000_000_000_000), new Date(2_000_000_000_000)]
  const numbers = fc.constantFrom(-1, 0, 1, 2.5, 10)
  const strings = fc.constantFrom('', '1', 'B', 'a', 'b', 'ab')
  const dates = fc.constantFrom(...DATES)
  const scalar = fc.oneof(numbers, strings, dates, fc.boolean(), fc.constant(null))
  type Spec =
    | { op: 'eq' | 'neq'; value: unknown }
    | { op: 'gt' | 'gte' | 'lt' | 'lte'; value: number | string | Date }
    | { op: 'in' | 'nin'; value: unknown[] }
    | { op: 'exists'; value: boolean }
    | { op: 'and' | 'or'; items: Spec[] }
  const leaf: fc.Arbitrary<Spec> = fc.oneof(
    fc.record({ op: fc.constantFrom('eq' as const, 'neq' as const), value: scalar }),
    fc.record({ op: fc.constantFrom('gt' as const, 'gte' as const, 'lt' as const, 'lte' as const), value: fc.oneof(numbers, strings, dates) }),
    fc.record({ op: fc.constantFrom('in' as const, 'nin' as const), value: fc.array(scalar, { maxLength: 3 }) }),
    fc.record({ op: fc.constant('exists' as const), value: fc.boolean() }),
  )
  const spec: fc.Arbitrary<Spec> = fc.letrec<{ node: Spec }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ op: fc.constantFrom('and' as const, 'or' as const), items: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
    ),
  })).node

  const toWhere = (s: Spec, field: string): Where => {
    const _ = db.command
    switch (s.op) {
      case 'and':
      case 'or':
        return _[s.op](s.items.map((item) => toWhere(item, field))) as unknown as Where
      case 'exists':
        return { [field]: _.exists(s.value) }
      case 'in':
      case 'nin':
        return { [field]: _[s.op](s.value) }
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        return { [field]: _[s.op](s.value) }
      default:
        return { [field]: _[s.op](s.value) }
    }
  }

  test('should return the same page from an indexed field (SQL) as from an unindexed one (mingo)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(scalar, { nil: undefined }), { maxLength: 14 }),
        spec,
        fc.option(fc.constantFrom('asc' as const, 'desc' as const), { nil: undefined }),
        fc.nat(4),
        fc.integer({ min: 1, max: 8 }),
        async (values, condition, direction, skip, limit) => {
          db.sqlite.exec('DELETE FROM items')
          const items = db.collection('items')
          for (const [i, value] of values.entries()) {
            await items.add({ _id: `d${i}`, ...(value === undefined ? {} : { v: value, pv: value }) })
          }
          const page = async (field: string) => {
            let query = items.where(toWhere(condition, field))
            if (direction) query = query.orderBy(field, direction)
            return (await query.skip(skip).limit(limit).get()).data.map((d) => d._id)
          }
          // The indexed side must really be translated exactly, or this compares mingo with itself.
          expect(translate(parseWhere(toWhere(condition, 'v')), new Set(['v'])).exact).toBe(true)
          expect(await page('v')).toEqual(await page('pv'))
          expect(await items.where(toWhere(condition, 'v')).count()).toEqual(
            await items.where(toWhere(condition, 'pv')).count(),
          )
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('query plans', () => {
  /** The plan of every SQL statement the engine prepares while `run` executes. */
  async function plans(run: () => Promise<unknown>): Promise<string[]> {
    const prepare = jest.spyOn(db.sqlite, 'prepare')
    let prepared: string[]
    try {
      await run()
    } finally {
      prepared = prepare.mock.calls.map(([sql]) => sql)
      prepare.mockRestore()
    }
    return prepared
      .filter((sql) => /^SELECT/.test(sql) && !sql.includes('sqlite_master'))
      .map((sql) => {
        const params = Array.from(sql.matchAll(/\?/g), () => null)
        const rows = db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>
        return rows.map((row) => row.detail).join(' | ')
      })
  }

  test('should answer equality on the first key and order by the second from one index, without sorting', async () => {
    const [plan] = await plans(() => db.collection('items').where({ status: 'open' }).orderBy('at', 'desc').limit(20).get())
    expect(plan).toMatch(/SEARCH items USING INDEX items__status_at \(<expr>=\? AND <expr>=\?\)/)
    expect(plan).not.toMatch(/TEMP B-TREE/)
  })

  test('should answer a Date range after an equality from the index', async () => {
    const _ = db.command
    const [plan] = await plans(() =>
      db.collection('items').where({ status: 'open', at: _.gte(new Date(0)) }).limit(20).get(),
    )
    expect(plan).toMatch(/SEARCH items USING INDEX items__status_at \(<expr>=\? AND <expr>=\? AND <expr>=\? AND <expr>>\?\)/)
  })

  test('should answer in() and count() from the index', async () => {
    const _ = db.command
    const [inPlan] = await plans(() => db.collection('items').where({ v: _.in([1, 2, 3]) }).limit(5).get())
    expect(inPlan).toMatch(/SEARCH items USING INDEX items__v/)
    const [countPlan] = await plans(() => db.collection('items').where({ v: _.gt(1) }).count())
    expect(countPlan).toMatch(/SEARCH items USING (COVERING )?INDEX items__v/)
  })

  test('should read one document by primary key', async () => {
    const [plan] = await plans(() => db.collection('items').doc('x').get())
    expect(plan).toMatch(/SEARCH items USING INDEX sqlite_autoindex_items_1 \(_id=\?\)/)
  })

  test('should narrow by the index and leave the rest of an and() to mingo', async () => {
    const [plan] = await plans(() =>
      db.collection('items').where({ status: 'open', title: db.RegExp({ regexp: 'x' }) }).orderBy('at', 'desc').limit(5).get(),
    )
    expect(plan).toMatch(/SEARCH items USING INDEX items__status_at/)
  })
})
