/**
 * `npm run bench -- hot-item`: 32 members redeem one item at the same moment,
 * over HTTP with every database call delayed BENCH_LATENCY_MS (default 15 ms):
 * outcomes by code, p50 / p99, and the stock checked against the units sold
 * (no oversell). Once with plenty of stock, once with fewer units than buyers.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { ApiResponse } from '../cloudfunctions/lib/runtime/envelope'
import { startLocalServer } from '../cloudfunctions/lib/runtime/local/server'
import { roleDocId } from '../cloudfunctions/lib/users/model'

const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 15)
const BUYERS = 32

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

export async function benchHotItem(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tongxin-hot-'))
  const server = await startLocalServer({ dataDir: dir, port: 0, seed: true, quiet: true, latencyMs: LATENCY })
  const call = async (openid: string, fn: string, action: string, data: unknown): Promise<ApiResponse<any>> => {
    const response = await fetch(`${server.url}/api/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.sessions.issue(openid)}` },
      body: JSON.stringify({ action, data }),
    })
    return (await response.json()) as ApiResponse<any>
  }
  try {
    console.log(`\nOne hot item (shop.redeem by ${BUYERS} members at once, ${LATENCY} ms a round trip, over HTTP)`)
    for (const [round, stock] of [
      [1, 1000],
      [2, 20],
    ] as const) {
      const now = new Date()
      const buyers: string[] = []
      for (let i = 0; i < BUYERS; i += 1) {
        const userId = `hot-${round}-${i}`
        buyers.push(`openid-${userId}`)
        await server.db.collection('users').add({ _id: userId, openid: `openid-${userId}`, name: `会员${i}`, phone: '13800000000', communityId: 'c-xingfu', building: '', createdAt: now, updatedAt: now })
        await server.db.collection('roles').add({ _id: roleDocId('c-xingfu', userId, 'member'), userId, role: 'member', scopeId: 'c-xingfu', grantedBy: 'bench', createdAt: now })
        const adjusted = await call('demo-staff', 'points', 'adjust', { communityId: 'c-xingfu', userId, amount: 100, reason: '压测积分' })
        if (!adjusted.ok) throw new Error(JSON.stringify(adjusted.error))
      }
      const item = await call('demo-staff', 'shop', 'saveItem', { communityId: 'c-xingfu', name: `热门商品${round}`, pricePoints: 10, perPersonLimit: 1, onShelf: true, stock })
      if (!item.ok) throw new Error(JSON.stringify(item.error))
      const times: number[] = []
      const codes: Record<string, number> = {}
      await Promise.all(
        buyers.map(async (openid) => {
          const t0 = performance.now()
          const response = await call(openid, 'shop', 'redeem', { itemId: item.data.id })
          times.push(performance.now() - t0)
          const code = response.ok ? 'ok' : response.error.code
          codes[code] = (codes[code] ?? 0) + 1
        }),
      )
      times.sort((a, b) => a - b)
      const stored = (await server.db.collection<{ _id: string; stock: number }>('items').doc(item.data.id).get()).data[0]
      const held = (await server.db.collection('redemptions').where({ itemId: item.data.id, status: 'held' }).count()).total
      const exact = stored.stock + held === stock && held === (codes.ok ?? 0)
      console.log(
        `  stock ${String(stock).padStart(4)}: ${JSON.stringify(codes)}   p50 ${percentile(times, 50).toFixed(0)} ms   p99 ${percentile(times, 99).toFixed(0)} ms   stock left ${stored.stock}, held ${held}: ${exact ? 'no oversell, no unit lost' : 'MISMATCH'}`,
      )
    }
  } finally {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
