import { mapBounded, mapWithin } from '../../../cloudfunctions/lib/shared/parallel'

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('mapBounded', () => {
  it('should keep at most `limit` calls in flight and return results in input order', async () => {
    let inFlight = 0
    let most = 0
    const items = Array.from({ length: 57 }, (_, index) => index)
    const results = await mapBounded(items, 10, async (item) => {
      inFlight += 1
      most = Math.max(most, inFlight)
      for (let i = 0; i < (item % 4) + 1; i += 1) await tick()
      inFlight -= 1
      return item * 2
    })
    expect(results).toEqual(items.map((item) => item * 2))
    expect(most).toBe(10)
  })

  it('should reject with the first failure after the calls in flight settle', async () => {
    let settled = 0
    const run = mapBounded([1, 2, 3, 4], 2, async (item) => {
      await tick()
      settled += 1
      if (item === 2) throw new Error('boom')
      return item
    })
    await expect(run).rejects.toThrow('boom')
    expect(settled).toBeGreaterThanOrEqual(2)
  })

  it('should answer an empty list with no calls', async () => {
    expect(await mapBounded([], 3, async () => { throw new Error('never') })).toEqual([])
  })
})

describe('mapWithin', () => {
  it('should start nothing new once the deadline has passed and hand back what remains, in order', async () => {
    const started: number[] = []
    const { results, remaining } = await mapWithin([1, 2, 3, 4, 5, 6], 2, Date.now() - 1, async (item) => {
      started.push(item)
      return item
    })
    expect(started).toEqual([])
    expect(results).toEqual([])
    expect(remaining).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('should split the list into a done prefix and a remaining suffix when the deadline passes midway', async () => {
    let deadline = Number.POSITIVE_INFINITY
    const { results, remaining } = await mapWithin([1, 2, 3, 4, 5, 6, 7, 8], 2, Number.POSITIVE_INFINITY, async (item) => item)
    expect(results).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(remaining).toEqual([])
    const items = [1, 2, 3, 4, 5, 6, 7, 8]
    const budgeted = await mapWithin(items, 2, 0, async (item) => item).catch(() => null)
    expect(budgeted).toEqual({ results: [], remaining: items })
    // A deadline that passes while work runs: the started ones finish, the rest come back.
    const clock = { now: 0 }
    const realNow = Date.now
    Date.now = () => clock.now
    try {
      deadline = 3
      const partial = await mapWithin(items, 2, deadline, async (item) => {
        clock.now += 1
        await tick()
        return item * 10
      })
      expect([...partial.results.map((r) => r / 10), ...partial.remaining]).toEqual(items)
      expect(partial.remaining.length).toBeGreaterThan(0)
      expect(partial.results.length).toBeGreaterThan(0)
    } finally {
      Date.now = realNow
    }
  })
})
