/**
 * Round trips per action, pinned (issue 12). Every action of every function
 * runs through `invoke` on a fresh demo database (scripts/round-trips.ts);
 * its database calls and waves are counted, not timed, so the figures are
 * deterministic and any change shows here:
 * - a new action without a pinned count fails (measure it: `npx tsx
 *   scripts/round-trips.ts --write` after checking the table);
 * - more calls or waves than pinned fail (a regression), and so do fewer (an
 *   improvement: pin it, so it cannot slip back);
 * - waves above the budget fail: a staff-only action ≤ 8, any other ≤ 6
 *   (exports and reports are exempt), except the actions listed below as
 *   known debt — and a listed action that meets its budget fails too, so the
 *   list only shrinks;
 * - a count that grows when the data grows fails (the whole table is
 *   measured twice; the first pass adds records of every kind).
 */
import { allActions, budgetOf, measure, openHarness, scenarios, type Harness } from '../../scripts/round-trips'
import pinned from './round-trips.json'

/** Over their wave budget today: the remaining work of issue 12, each with its waves in round-trips.json. */
const OVER_BUDGET = new Set([
  'activities.confirm',
  // A seat freed while people wait: the sign-up ends (one conditional update), the seat release is refused,
  // the line is read, the hand-over transaction runs (begin, reads, writes, commit) and the promoted person is reminded.
  'activities.cantCome',
  'activities.serviceRecord',
  'wishes.claim',
  'wishes.fulfil',
  'wishes.confirm',
  'units.detail',
  'units.register',
  'units.pair',
  'units.suspend',
  'units.reinstate',
  'units.join',
  'units.progressCommitment',
  'units.completeCommitment',
  'units.withdrawCommitment',
  'units.claimDemand',
  'units.reviewResource',
  'members.confirm',
  'venues.close',
  'venues.book',
  'venues.cancel',
  // Approving writes the booking, frees nothing, and adds the booking to the dashboard's roll-up (a read and a write of the shard).
  'venues.approve',
  // Reads the request, the person, the community and their service, then writes the certificate and its audit line.
  'certificates.issue',
])

/**
 * Whose count may change with the data: sweeps work through what is due in
 * bounded batches, exports page through their result. The rest of the list is
 * debt: a read per listed record.
 */
const GROWS_WITH_DATA = new Set([
  'shop.expireDue',
  'wishes.expireClaims',
  'members.exportRoster',
  'dashboard.export',
  'units.exportReport',
  // debt
  'units.demands',
  'units.resourceRequests',
  'members.roster',
])

type Counts = Record<string, { calls: number; waves: number }>

describe('round trips per action', () => {
  let harness: Harness
  const first: Counts = {}
  const second: Counts = {}
  const failures: string[] = []

  beforeAll(async () => {
    harness = await openHarness()
    for (const pass of [first, second]) {
      for (const key of allActions()) {
        try {
          const { calls, waves } = await measure(harness, key)
          pass[key] = { calls, waves }
        } catch (error) {
          failures.push(`${key}: ${error instanceof Error ? error.message : String(error)}`)
        }
      }
    }
  }, 180_000)
  afterAll(() => harness?.close())

  it('should run every action with valid input as its caller', () => {
    expect(allActions().filter((key) => !scenarios[key])).toEqual([])
    expect(Object.keys(scenarios).filter((key) => !allActions().includes(key))).toEqual([])
    expect(failures).toEqual([])
  })

  it('should pin a count for every action and for no action that does not exist', () => {
    expect(allActions().filter((key) => !(key in pinned))).toEqual([])
    expect(Object.keys(pinned).filter((key) => !allActions().includes(key))).toEqual([])
  })

  it('should make exactly the pinned calls and waves', () => {
    expect(first).toEqual(pinned)
  })

  it('should keep every action within its wave budget, except the listed debt', () => {
    const over = allActions().filter((key) => first[key] && first[key].waves > budgetOf(key).waves)
    expect(over.filter((key) => !OVER_BUDGET.has(key))).toEqual([])
    // Fixed debt comes off the list.
    expect([...OVER_BUDGET].filter((key) => !over.includes(key))).toEqual([])
  })

  it('should not make more round trips when there is more data', () => {
    const grew = allActions().filter((key) => first[key] && second[key] && (second[key].calls !== first[key].calls || second[key].waves !== first[key].waves))
    expect(grew.filter((key) => !GROWS_WITH_DATA.has(key))).toEqual([])
  })
})
