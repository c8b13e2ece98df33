/**
 * Model test of the ledger and the shop: fast-check generates batches of
 * earn / adjust / redeem / pick-up / cancel / expire over a few accounts and
 * items; each batch runs concurrently against the real local server (HTTP,
 * and the ledger library for earn, as the activities domain calls it). A
 * plain in-memory model follows what succeeded, and checks that:
 * - every outcome is one the rules allow (no INTERNAL, no CONFLICT);
 * - an operation that raced with nothing had exactly the outcome the model predicts;
 * - a redemption leaves `held` at most once, by exactly the call that won;
 * - at the end of each run every balance and stock equals the model's and the audit passes.
 *
 * Replay a failure with FC_SEED=<seed> (and FC_PATH=<path>) from the report.
 */
import fc from 'fast-check'
import { auditLedger } from '../../cloudfunctions/lib/points/audit'
import { earn } from '../../cloudfunctions/lib/points/ledger'
import type { ApiResponse } from '../../cloudfunctions/lib/runtime/envelope'
import type { RedemptionStatus } from '../../cloudfunctions/lib/shop/model'
import { startTestServer, type Client, type TestServer } from '../helpers/server'
import { addPerson, createItem, errorCode, itemDoc, makeOverdue, redemptionDoc } from './points-fixtures'

const MEMBERS = 5

type Op =
  | { kind: 'earn'; member: number; points: number; ref: number }
  | { kind: 'adjust'; member: number; amount: number }
  | { kind: 'redeem'; member: number; item: number }
  | { kind: 'pickup'; target: number }
  | { kind: 'cancel'; target: number; byStaff: boolean }
  | { kind: 'expire'; target: number }

interface ItemSpec {
  price: number
  stock: number
  limit: number
}

const member = fc.integer({ min: 0, max: MEMBERS - 1 })
const target = fc.nat({ max: 1000 })
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('earn' as const), member, points: fc.integer({ min: 0, max: 60 }), ref: fc.integer({ min: 0, max: 4 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('adjust' as const), member, amount: fc.integer({ min: -40, max: 60 }).filter((amount) => amount !== 0) }),
  },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('redeem' as const), member, item: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pickup' as const), target }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), target, byStaff: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('expire' as const), target }) },
)
const itemArb: fc.Arbitrary<ItemSpec> = fc.record({ price: fc.integer({ min: 5, max: 30 }), stock: fc.integer({ min: 0, max: 8 }), limit: fc.integer({ min: 1, max: 3 }) })
const scenarioArb = fc.record({
  items: fc.tuple(itemArb, itemArb),
  batches: fc.array(fc.array(opArb, { minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 10 }),
})

interface ModelAccount {
  available: number
  held: number
  earned: number
  spent: number
}
interface ModelRedemption {
  id: string
  member: number
  item: number
  points: number
  code: string
  status: RedemptionStatus
}

/** Mostly a held redemption (where the races are), sometimes any, so closed ones are tried again too. */
function pickTarget(target: number, redemptions: ModelRedemption[]): ModelRedemption {
  const held = redemptions.filter((redemption) => redemption.status === 'held')
  return held.length > 0 && target % 4 !== 0 ? held[target % held.length] : redemptions[target % redemptions.length]
}

/** What an operation touches; two operations race only if these meet. */
function resources(op: Op, redemptions: ModelRedemption[]): string[] {
  if (op.kind === 'earn' || op.kind === 'adjust') return [`account:${op.member}`]
  if (op.kind === 'redeem') return [`account:${op.member}`, `item:${op.item}`]
  const redemption = pickTarget(op.target, redemptions)
  return [`redemption:${redemption.id}`, `account:${redemption.member}`, `item:${redemption.item}`]
}

describe('points and shop: model test', () => {
  let server: TestServer
  let staff: Client
  let run = 0
  beforeAll(async () => {
    server = await startTestServer()
    staff = await server.as('demo-staff')
  })
  afterAll(() => server.stop())

  async function check(scenario: { items: [ItemSpec, ItemSpec]; batches: Op[][] }): Promise<void> {
    run += 1
    const userIds = Array.from({ length: MEMBERS }, (_, i) => `u-model-${run}-${i}`)
    const clients = await Promise.all(userIds.map((userId) => addPerson(server, userId)))
    const itemIds = await Promise.all(scenario.items.map((spec) => createItem(staff, { pricePoints: spec.price, stock: spec.stock, perPersonLimit: spec.limit })))
    const accounts: ModelAccount[] = userIds.map(() => ({ available: 0, held: 0, earned: 0, spent: 0 }))
    const stock = scenario.items.map((spec) => spec.stock)
    const purchases = new Map<string, number>()
    const earnedRefs = new Set<string>()
    const redemptions: ModelRedemption[] = []

    for (const batch of scenario.batches) {
      // Targets resolve against redemptions that exist before the batch; with none yet, those operations drop out.
      const ops = batch.filter((op) => !('target' in op) || redemptions.length > 0)
      const touched = ops.map((op) => resources(op, redemptions))
      const isolated = touched.map((mine, i) => touched.every((theirs, j) => j === i || !theirs.some((resource) => mine.includes(resource))))
      const before = { accounts: accounts.map((account) => ({ ...account })), stock: [...stock], purchases: new Map(purchases) }
      const targets = ops.map((op) => ('target' in op ? pickTarget(op.target, redemptions) : undefined))
      const heldBefore = new Map(redemptions.map((redemption) => [redemption.id, redemption.status]))

      const results = await Promise.all(
        ops.map(async (op, i): Promise<ApiResponse<unknown> | { applied: boolean }> => {
          const redemption = targets[i]
          switch (op.kind) {
            case 'earn':
              return earn(server.db, {
                communityId: 'c-xingfu',
                userId: userIds[op.member],
                points: op.points,
                hours: 0.5,
                refType: 'enrollment',
                refId: `model-${run}-${op.member}-${op.ref}`,
                actorId: 'u-staff',
                reason: '模型测试',
                now: new Date(),
              })
            case 'adjust':
              return staff.call('points', 'adjust', { communityId: 'c-xingfu', userId: userIds[op.member], amount: op.amount, reason: '模型测试调整' })
            case 'redeem':
              return clients[op.member].call('shop', 'redeem', { itemId: itemIds[op.item] })
            case 'pickup':
              return staff.call('shop', 'pickup', { communityId: 'c-xingfu', code: redemption!.code })
            case 'cancel':
              return (op.byStaff ? staff : clients[redemption!.member]).call('shop', 'cancel', { redemptionId: redemption!.id })
            case 'expire':
              await makeOverdue(server, redemption!.id)
              return staff.call('shop', 'expireDue', { communityId: 'c-xingfu' })
          }
        }),
      )

      // Earn: exactly one application per new key, however many raced for it; none for a key applied before.
      const appliedPerKey = new Map<string, number>()
      ops.forEach((op, i) => {
        if (op.kind !== 'earn') return
        const key = `${op.member}-${op.ref}`
        const { applied } = results[i] as { applied: boolean }
        appliedPerKey.set(key, (appliedPerKey.get(key) ?? 0) + (applied ? 1 : 0))
        if (!applied) return
        accounts[op.member].available += op.points
        accounts[op.member].earned += op.points
      })
      for (const [key, applied] of appliedPerKey) {
        expect({ key, applied }).toEqual({ key, applied: earnedRefs.has(key) ? 0 : 1 })
        earnedRefs.add(key)
      }

      ops.forEach((op, i) => {
        const response = results[i] as ApiResponse<{ id: string; pickupCode: string }>
        const code = 'ok' in response ? errorCode(response) : null
        if (op.kind === 'adjust') {
          expect([null, ...(op.amount < 0 ? ['INSUFFICIENT_POINTS'] : [])]).toContain(code)
          if (isolated[i]) expect(code).toBe(before.accounts[op.member].available + op.amount >= 0 ? null : 'INSUFFICIENT_POINTS')
          if (code === null) {
            accounts[op.member].available += op.amount
            accounts[op.member].earned += op.amount
          }
        }
        if (op.kind === 'redeem') {
          expect([null, 'OUT_OF_STOCK', 'LIMIT_EXCEEDED', 'INSUFFICIENT_POINTS']).toContain(code)
          const spec = scenario.items[op.item]
          const purchaseKey = `${op.item}:${op.member}`
          if (isolated[i]) {
            const expected =
              before.stock[op.item] < 1
                ? 'OUT_OF_STOCK'
                : (before.purchases.get(purchaseKey) ?? 0) >= spec.limit
                  ? 'LIMIT_EXCEEDED'
                  : before.accounts[op.member].available < spec.price
                    ? 'INSUFFICIENT_POINTS'
                    : null
            expect(code).toBe(expected)
          }
          if (response.ok) {
            accounts[op.member].available -= spec.price
            accounts[op.member].held += spec.price
            stock[op.item] -= 1
            purchases.set(purchaseKey, (purchases.get(purchaseKey) ?? 0) + 1)
            redemptions.push({ id: response.data.id, member: op.member, item: op.item, points: spec.price, code: response.data.pickupCode, status: 'held' })
          }
        }
      })

      // Closing: per redemption, the stored status says who won; the responses must agree with it.
      const contested = new Map<string, number[]>()
      ops.forEach((_op, i) => {
        const redemption = targets[i]
        if (redemption) contested.set(redemption.id, [...(contested.get(redemption.id) ?? []), i])
      })
      for (const [redemptionId, indexes] of contested) {
        const redemption = redemptions.find((candidate) => candidate.id === redemptionId)!
        const stored = (await redemptionDoc(server, redemptionId)).status
        const outcomes = indexes.map((i) => ({ op: ops[i], code: 'ok' in results[i] ? errorCode(results[i] as ApiResponse<unknown>) : null, isolated: isolated[i] }))
        const winners = (kind: Op['kind']) => outcomes.filter((outcome) => outcome.op.kind === kind && outcome.code === null).length
        for (const outcome of outcomes) {
          if (outcome.op.kind === 'pickup') expect([null, 'CODE_INVALID']).toContain(outcome.code)
          if (outcome.op.kind === 'cancel') expect([null, 'INVALID_STATE']).toContain(outcome.code)
          if (outcome.op.kind === 'expire') expect(outcome.code).toBeNull()
        }
        if (heldBefore.get(redemptionId) !== 'held') {
          expect(stored).toBe(redemption.status)
          expect(winners('pickup') + winners('cancel')).toBe(0)
          continue
        }
        expect(stored).not.toBe('held')
        expect(winners('pickup')).toBe(stored === 'picked' ? 1 : 0)
        expect(winners('cancel')).toBe(stored === 'cancelled' ? 1 : 0)
        if (stored === 'expired') expect(outcomes.some((outcome) => outcome.op.kind === 'expire')).toBe(true)
        if (outcomes.length === 1 && outcomes[0].isolated) {
          expect(stored).toBe({ pickup: 'picked', cancel: 'cancelled', expire: 'expired' }[outcomes[0].op.kind as 'pickup' | 'cancel' | 'expire'])
        }
        const account = accounts[redemption.member]
        account.held -= redemption.points
        if (stored === 'picked') {
          account.spent += redemption.points
        } else {
          account.available += redemption.points
          stock[redemption.item] += 1
          const purchaseKey = `${redemption.item}:${redemption.member}`
          purchases.set(purchaseKey, purchases.get(purchaseKey)! - 1)
        }
        redemption.status = stored
      }
      for (const account of accounts) {
        expect(account.available).toBeGreaterThanOrEqual(0)
        expect(account.held).toBeGreaterThanOrEqual(0)
      }
    }

    for (let i = 0; i < MEMBERS; i += 1) {
      const balance = await clients[i].ok('points', 'balance', {})
      expect({ i, available: balance.available, held: balance.held, totalEarned: balance.totalEarned, totalSpent: balance.totalSpent }).toEqual({
        i,
        available: accounts[i].available,
        held: accounts[i].held,
        totalEarned: accounts[i].earned,
        totalSpent: accounts[i].spent,
      })
    }
    for (let item = 0; item < itemIds.length; item += 1) {
      const stored = (await itemDoc(server, itemIds[item])).stock
      expect(stored).toBe(stock[item])
      expect(stored).toBeGreaterThanOrEqual(0)
    }
    const report = await auditLedger(server.db)
    expect(report.problems).toEqual([])
  }

  it('should keep every balance equal to the model and the audit clean under random concurrent batches', async () => {
    const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() ^ (Math.random() * 0x7fffffff)
    const numRuns = Number(process.env.FC_RUNS ?? 60)
    const started = Date.now()
    try {
      // Each run builds on a live server, so shrinking would replay against changed state: report the seed instead.
      await fc.assert(fc.asyncProperty(scenarioArb, check), { seed, path: process.env.FC_PATH, numRuns, endOnFailure: true })
    } catch (error) {
      console.error(`model test failed: replay with FC_SEED=${seed}`)
      throw error
    }
    console.log(`model test: ${numRuns} runs in ${Date.now() - started} ms (seed ${seed})`)
  }, 60_000)
})
