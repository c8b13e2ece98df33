import { openLocalDatabase, type LocalDatabase } from '../../../cloudfunctions/lib/db/local'
import type { BaseDoc } from '../../../cloudfunctions/lib/db/types'
import { AppError } from '../../../cloudfunctions/lib/runtime/errors'
import { readAll, readWhereIn } from '../../../cloudfunctions/lib/shared/paging'

interface Row extends BaseDoc {
  group: string
}

/** More rows than one read returns (1000), so readAll has to page. */
const ROWS = 2345

describe('readAll', () => {
  let db: LocalDatabase
  beforeAll(async () => {
    db = openLocalDatabase({ file: ':memory:', schema: { probes: { indexes: [] } } })
    const rows = db.collection<Row>('probes')
    for (let index = 0; index < ROWS; index += 1) await rows.add({ _id: `p-${String(index).padStart(5, '0')}`, group: index % 3 === 0 ? 'a' : 'b' })
  })
  afterAll(() => db.close())

  it('should read every matching row across batches, each once', async () => {
    const rows = await readAll<Row>(db, 'probes', { group: 'b' }, { cap: 10_000, message: '太多' })
    const expected = Array.from({ length: ROWS }, (_, index) => index).filter((index) => index % 3 !== 0)
    expect(rows.map((row) => row._id)).toEqual(expected.map((index) => `p-${String(index).padStart(5, '0')}`))
  })

  it('should read a query smaller than one batch in one go', async () => {
    const rows = await readAll<Row>(db, 'probes', { _id: db.command.in(['p-00001', 'p-00002', 'p-99999']) }, { cap: 10_000, message: '太多' })
    expect(rows.map((row) => row._id)).toEqual(['p-00001', 'p-00002'])
  })

  it('should page by _id after the last one seen, never with skip, each batch as cheap as the first', async () => {
    const seen: Array<{ skip: boolean; where: string }> = []
    const spy: Pick<LocalDatabase, 'collection' | 'command'> = {
      command: db.command,
      collection: <T extends BaseDoc>(name: string) => {
        const collection = db.collection<T>(name)
        return new Proxy(collection, {
          get(target, key, receiver) {
            if (key === 'where') return (where: unknown) => { seen.push({ skip: false, where: JSON.stringify(where) }); return target.where(where as never) }
            if (key === 'skip') { seen.push({ skip: true, where: '' }); return target.skip.bind(target) }
            return Reflect.get(target, key, receiver)
          },
        })
      },
    }
    const rows = await readAll<Row>(spy, 'probes', { _id: db.command.gte('p-00000') }, { cap: 10_000, message: '太多' }, { group: true })
    expect(rows).toHaveLength(ROWS)
    expect(new Set(rows.map((row) => row._id)).size).toBe(ROWS)
    expect(rows.every((row) => row.group === 'a' || row.group === 'b')).toBe(true)
    expect(seen.some((call) => call.skip)).toBe(false)
    expect(seen).toHaveLength(Math.ceil(ROWS / 1000))
  })

  it('should refuse past the cap with the caller’s message', async () => {
    const read = readAll<Row>(db, 'probes', { group: 'b' }, { cap: 1000, message: '数据量过大，请按月查看' })
    await expect(read).rejects.toThrow(AppError)
    await expect(read).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: '数据量过大，请按月查看' })
  })

  it('should read by a list of values longer than one `in` batch (100), with the extra condition', async () => {
    const ids = Array.from({ length: 250 }, (_, index) => `p-${String(index * 7).padStart(5, '0')}`)
    const rows = await readWhereIn<Row>(db, 'probes', '_id', [...ids, 'p-99999'], { cap: 10_000, message: '太多' }, { group: 'a' })
    const expected = ids.filter((id) => Number(id.slice(2)) % 3 === 0)
    expect(rows.map((row) => row._id).sort()).toEqual(expected)
    expect(expected.length).toBeGreaterThan(80)
  })

  it('should read nothing for no values', async () => {
    expect(await readWhereIn<Row>(db, 'probes', '_id', [], { cap: 1, message: '太多' })).toEqual([])
  })
})
