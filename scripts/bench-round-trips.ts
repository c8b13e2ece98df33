/**
 * The per-action table of `npm run bench`: for every action, its round trips
 * (calls, waves) at demo size, and p50 / p99 of BENCH_RT_RUNS (default 7)
 * runs with every database call delayed BENCH_LATENCY_MS (default 15 ms), as
 * in CloudBase. Each run prepares its own records (scripts/round-trips.ts).
 */
import { allActions, budgetOf, measure, openHarness } from './round-trips'

const RUNS = Number(process.env.BENCH_RT_RUNS ?? 7)
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 15)

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

export async function benchRoundTrips(): Promise<void> {
  const h = await openHarness()
  try {
    console.log(`\nRound trips per action (demo data; ${RUNS} runs at ${LATENCY} ms a round trip; budget: waves ≤ 6, staff ≤ 8, exports/reports exempt)`)
    console.log(`  ${'action'.padEnd(32)} ${'calls'.padStart(5)} ${'waves'.padStart(5)} ${'budget'.padStart(6)}   ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}`)
    let over = 0
    for (const key of allActions()) {
      const counted = await measure(h, key)
      const times: number[] = []
      for (let run = 0; run < RUNS; run += 1) times.push((await measure(h, key, { latencyMs: LATENCY })).ms)
      times.sort((a, b) => a - b)
      const budget = budgetOf(key)
      const flag = counted.waves > budget.waves ? '  OVER' : ''
      if (flag) over += 1
      const budgetText = Number.isFinite(budget.waves) ? String(budget.waves) : '—'
      console.log(
        `  ${key.padEnd(32)} ${String(counted.calls).padStart(5)} ${String(counted.waves).padStart(5)} ${budgetText.padStart(6)}   ${percentile(times, 50).toFixed(0).padStart(7)} ${percentile(times, 99).toFixed(0).padStart(7)}${flag}`,
      )
    }
    console.log(`  ${allActions().length} actions, ${over} over budget`)
  } finally {
    h.close()
  }
}
