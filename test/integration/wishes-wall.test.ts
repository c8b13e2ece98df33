import { instrumentDatabase, newMeter } from '../../cloudfunctions/lib/db/instrument'
import { invoke } from '../../cloudfunctions/lib/runtime/invoke'
import { silentLogger } from '../../cloudfunctions/lib/runtime/logger'
import { functions } from '../../cloudfunctions/registry'
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

  /** Every page of the wall through `invoke`, counting its round trips: deep pages must cost what the first one does. */
  const wallPage = async (data: Record<string, unknown>) => {
    const meter = newMeter()
    const response = await invoke(functions.wishes!, { action: 'wall', data }, { db: instrumentDatabase(server.db, { meter }), openid: null, log: silentLogger, signingKey: null, contentCheck: async () => true })
    if (!response.ok) throw new Error(JSON.stringify(response.error))
    return { result: response.data as { items: Array<{ id: string; createdAt: string; status: string; category: string }>; total: number }, calls: meter.calls }
  }

  // Speed is measured in `npm run bench`; here, what a page costs in round trips, which does not depend on the machine.
  it('should page the wall newest first with the right total, each page in the same few round trips however deep', async () => {
    const calls: number[] = []
    let previous: string | null = null
    for (const page of [1, 2, 100, 200]) {
      const { result, calls: made } = await wallPage({ communityId: 'c-xingfu', page, pageSize: 20 })
      calls.push(made)
      // Four of the seven statuses are public; the seed adds 4 public wishes of its own.
      expect(result.total).toBeGreaterThanOrEqual(Math.floor((WISHES * 4) / 7))
      const times = result.items.map((card) => new Date(card.createdAt).getTime())
      expect(times).toEqual([...times].sort((a, b) => b - a))
      for (const card of result.items) expect(['open', 'claimed', 'fulfilled', 'confirmed']).toContain(card.status)
      if (page === 1) previous = result.items[0].id
    }
    expect(previous).toBe(`w-bulk-${lastPublic(WISHES - 1)}`)
    const { result: filtered, calls: filteredCalls } = await wallPage({ communityId: 'c-xingfu', category: '陪伴服务', status: 'open' })
    calls.push(filteredCalls)
    for (const card of filtered.items) expect(card).toMatchObject({ category: '陪伴服务', status: 'open' })
    expect(new Set(calls).size).toBe(1)
    expect(calls[0]).toBeLessThanOrEqual(4)
  })
})

/** The newest bulk wish at or below `i` whose status is public (statuses cycle through wishStatuses). */
function lastPublic(i: number): number {
  const publicStatuses = new Set(['open', 'claimed', 'fulfilled', 'confirmed'])
  while (!publicStatuses.has(wishStatuses[i % wishStatuses.length])) i -= 1
  return i
}
