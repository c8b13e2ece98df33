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
    const rows = await readAll(db.collection<Row>('probes').where({ group: 'b' }), { cap: 10_000, message: '太多' })
    const expected = Array.from({ length: ROWS }, (_, index) => index).filter((index) => index % 3 !== 0)
    expect(rows.map((row) => row._id)).toEqual(expected.map((index) => `p-${String(index).padStart(5, '0')}`))
  })

  it('should read a query smaller than one batch in one go', async () => {
    const rows = await readAll(db.collection<Row>('probes').where({ _id: db.command.in(['p-00001', 'p-00002', 'p-99999']) }), { cap: 10_000, message: '太多' })
    expect(rows.map((row) => row._id)).toEqual(['p-00001', 'p-00002'])
  })

  it('should refuse past the cap with the caller’s message', async () => {
    const read = readAll(db.collection<Row>('probes').where({ group: 'b' }), { cap: 1000, message: '数据量过大，请按月查看' })
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
