import type { WishDoc } from '../../cloudfunctions/lib/wishes/model'
import { wishCategories, wishStatuses } from '../../cloudfunctions/lib/wishes/model'
import { startTestServer, type TestServer } from '../helpers/server'

const WISHES = 10_000

/** The wall pages through an index, so 10,000 wishes in a community read as fast as a handful. */
describe('wishes: the wall with 10,000 wishes', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
    const base = Date.now() - WISHES * 60_000
    const wishes = server.db.collection<WishDoc>('wishes')
    for (let i = 0; i < WISHES; i += 1) {
      const at = new Date(base + i * 60_000)
      await wishes.add({
        _id: `w-bulk-${i}`,
        communityId: 'c-xingfu',
        wisherId: null,
        beneficiary: { name: `居民${i}`, phone: '', address: '幸福小区' },
        title: `心愿 ${i}`,
        story: '想请人帮忙',
        category: wishCategories[i % wishCategories.length],
        photos: [],
        wishedBy: null,
        status: wishStatuses[i % wishStatuses.length],
        rejectReason: '',
        withdrawReason: '',
        claimId: null,
        claimDueAt: null,
        claimCount: 0,
        fulfilment: null,
        confirmation: null,
        postedBy: 'u-staff',
        createdAt: at,
        updatedAt: at,
      })
    }
  }, 120_000)
  afterAll(() => server.stop())

  const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
    const started = performance.now()
    const result = await fn()
    return [result, performance.now() - started]
  }

  it('should page the wall newest first with the right total, and answer each page in well under 200 ms', async () => {
    // The first request of a fresh server pays for warming caches and prepared statements.
    await server.anonymous.ok('wishes', 'wall', { communityId: 'c-xingfu', category: '其他' })
    const latencies: number[] = []
    let previous: string | null = null
    for (const page of [1, 2, 100, 200]) {
      const [result, ms] = await timed(() => server.anonymous.ok<{ items: Array<{ id: string; createdAt: string; status: string }>; total: number }>('wishes', 'wall', { communityId: 'c-xingfu', page, pageSize: 20 }))
      latencies.push(ms)
      // Four of the seven statuses are public; the seed adds 4 public wishes of its own.
      expect(result.total).toBeGreaterThanOrEqual(Math.floor((WISHES * 4) / 7))
      const times = result.items.map((card) => new Date(card.createdAt).getTime())
      expect(times).toEqual([...times].sort((a, b) => b - a))
      for (const card of result.items) expect(['open', 'claimed', 'fulfilled', 'confirmed']).toContain(card.status)
      if (page === 1) previous = result.items[0].id
    }
    expect(previous).toBe(`w-bulk-${lastPublic(WISHES - 1)}`)
    const [filtered, filteredMs] = await timed(() => server.anonymous.ok<{ items: Array<{ category: string; status: string }>; total: number }>('wishes', 'wall', { communityId: 'c-xingfu', category: '陪伴服务', status: 'open' }))
    latencies.push(filteredMs)
    for (const card of filtered.items) expect(card).toMatchObject({ category: '陪伴服务', status: 'open' })
    console.log('wall latencies with 10,000 wishes (ms):', latencies.map((ms) => Math.round(ms)))
    expect(Math.max(...latencies)).toBeLessThan(200)
  })
})

/** The newest bulk wish at or below `i` whose status is public (statuses cycle through wishStatuses). */
function lastPublic(i: number): number {
  const publicStatuses = new Set(['open', 'claimed', 'fulfilled', 'confirmed'])
  while (!publicStatuses.has(wishStatuses[i % wishStatuses.length])) i -= 1
  return i
}
