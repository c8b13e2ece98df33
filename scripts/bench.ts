/**
 * `npm run bench`: figures, not a test. Prints, over HTTP on the local server:
 *   - sign-up, attendance confirmation and redemption: ops/s, p50 and p99 at
 *     1, 8 and 32 concurrent clients;
 *   - the same single-document conditional update on raw better-sqlite3, and
 *     the ratio to the engine's conditional update;
 *   - venue booking at 1, 8 and 32 clients, and one slot raced by 8 and 32;
 *   - the staff dashboard (month / year, community / 街道) after that traffic;
 *   - points history and balance read latency with 1k and with 1M entries
 *     (100k users), and the ratio;
 *   - the heavy jobs at 街道 scale with 15 ms a database call (bench-district.ts).
 * BENCH_OPS (default 400) sets requests per level; BENCH_BIG_ENTRIES (default
 * 1000000) the size of the large ledger.
 */
import Database from 'better-sqlite3'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openLocalDatabase, type LocalDatabase } from '../cloudfunctions/lib/db/local'
import type { ApiResponse } from '../cloudfunctions/lib/runtime/envelope'
import { startLocalServer, type LocalServer } from '../cloudfunctions/lib/runtime/local/server'
import { addDays, chinaDate, chinaMonth, chinaYear, timeOf } from '../cloudfunctions/lib/shared/china-time'
import { roleDocId } from '../cloudfunctions/lib/users/model'
import { benchHotItem } from './bench-hot-item'
import { benchRoundTrips } from './bench-round-trips'
import { benchDistrict } from './bench-district'

const OPS = Number(process.env.BENCH_OPS ?? 400)
const BIG_ENTRIES = Number(process.env.BENCH_BIG_ENTRIES ?? 1_000_000)
const BIG_USERS = 100_000
const LEVELS = [1, 8, 32]
const HOUR = 3600_000

interface Figures {
  ops: number
  seconds: number
  opsPerSecond: number
  p50: number
  p99: number
  failures: number
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

/** Runs `total` operations with `concurrency` clients in flight, timing each. */
async function measure(total: number, concurrency: number, op: (i: number) => Promise<boolean>): Promise<Figures> {
  const latencies: number[] = []
  let next = 0
  let failures = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t0 = performance.now()
        const ok = await op(i)
        latencies.push(performance.now() - t0)
        if (!ok) failures += 1
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return { ops: total, seconds, opsPerSecond: total / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failures }
}

const fmt = (figures: Figures) =>
  `${figures.opsPerSecond.toFixed(0).padStart(6)} ops/s   p50 ${figures.p50.toFixed(2).padStart(7)} ms   p99 ${figures.p99.toFixed(2).padStart(7)} ms${figures.failures ? `   (${figures.failures} failed)` : ''}`

class Client {
  constructor(
    private readonly server: LocalServer,
    private readonly token: string,
  ) {}

  async call<T = unknown>(fn: string, action: string, data: unknown): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.server.url}/api/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ action, data }),
    })
    return (await response.json()) as ApiResponse<T>
  }

  async ok<T = any>(fn: string, action: string, data: unknown): Promise<T> {
    const response = await this.call<T>(fn, action, data)
    if (!response.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(response.error)}`)
    return response.data
  }
}

/** Members straight into the database: the bench measures the actions, not registration. */
async function createMembers(db: LocalDatabase, count: number, prefix: string): Promise<string[]> {
  const now = new Date()
  const ids: string[] = []
  for (let i = 0; i < count; i += 1) {
    const userId = `${prefix}-${i}`
    ids.push(userId)
    await db.collection('users').add({
      _id: userId,
      openid: `openid-${userId}`,
      name: `志愿者${i}`,
      phone: '13800000000',
      communityId: 'c-xingfu',
      building: '',
      createdAt: now,
      updatedAt: now,
    })
    await db.collection('roles').add({ _id: roleDocId('c-xingfu', userId, 'member'), userId, role: 'member', scopeId: 'c-xingfu', grantedBy: 'bench', createdAt: now })
  }
  return ids
}

async function publish(staff: Client, quota: number, startOffsetMs: number): Promise<string> {
  const now = Date.now()
  const card = await staff.ok<{ id: string }>('activities', 'publish', {
    communityId: 'c-xingfu',
    type: '志愿服务',
    title: '压测活动',
    description: 'bench',
    coverUrl: null,
    place: '社区',
    startAt: new Date(now + startOffsetMs).toISOString(),
    endAt: new Date(now + startOffsetMs + 3 * HOUR).toISOString(),
    signupDeadline: new Date(now + startOffsetMs - HOUR / 2).toISOString(),
    quota,
    pointsRule: { kind: 'perHour', points: 10 },
    maxHours: 3,
  })
  return card.id
}

/** Sign-up at one client, kept for the HTTP-to-raw ratio. */
let signupSingleClient: Figures | null = null

async function benchHttp(server: LocalServer): Promise<void> {
  const staff = new Client(server, server.sessions.issue('demo-staff'))
  const perLevel = LEVELS.map(() => OPS)
  const members = await createMembers(server.db, OPS, 'bench-member')
  const clients = members.map((userId) => new Client(server, server.sessions.issue(`openid-${userId}`)))

  console.log('\nSign-up (activities.signup, distinct members, quota never reached)')
  for (const [index, level] of LEVELS.entries()) {
    const activityId = await publish(staff, 10_000, 24 * HOUR)
    const figures = await measure(perLevel[index], level, async (i) => (await clients[i].call('activities', 'signup', { activityId })).ok)
    if (level === 1) signupSingleClient = figures
    console.log(`  ${String(level).padStart(2)} clients: ${fmt(figures)}`)
  }

  console.log('\nAttendance confirmation (activities.confirm, one member per request, credits the ledger)')
  for (const level of LEVELS) {
    const activityId = await publish(staff, 10_000, 24 * HOUR)
    const now = Date.now()
    for (const userId of members) {
      await server.db.collection('enrollments').add({
        _id: `${activityId}:${userId}`,
        activityId,
        communityId: 'c-xingfu',
        userId,
        status: 'enrolled',
        checkInAt: new Date(now - 2 * HOUR),
        checkOutAt: new Date(now - HOUR / 2),
        attendanceSource: 'manual',
        hours: null,
        points: null,
        confirmedBy: null,
        confirmedAt: null,
        createdAt: new Date(now - 3 * HOUR),
        updatedAt: new Date(now - 3 * HOUR),
      })
    }
    const figures = await measure(OPS, level, async (i) => {
      const response = await staff.call<{ results: Array<{ result: string }> }>('activities', 'confirm', { activityId, userIds: [members[i]] })
      return response.ok && response.data.results[0].result === 'confirmed'
    })
    console.log(`  ${String(level).padStart(2)} clients: ${fmt(figures)}`)
  }

  console.log('\nRedemption (shop.redeem: hold points + one unit of stock, distinct members)')
  for (const level of LEVELS) {
    const item = await staff.ok<{ id: string }>('shop', 'saveItem', {
      communityId: 'c-xingfu',
      name: '压测商品',
      photoUrl: null,
      pricePoints: 1,
      perPersonLimit: 100,
      onShelf: true,
      stock: 100_000,
    })
    const figures = await measure(OPS, level, async (i) => (await clients[i].call('shop', 'redeem', { itemId: item.id })).ok)
    console.log(`  ${String(level).padStart(2)} clients: ${fmt(figures)}`)
  }

  await benchBookings(staff, clients)
}

/**
 * Venue booking: each booking creates its slot documents in one transaction.
 * Distinct slots measure throughput; one slot raced by every client measures
 * how fast a lost race is told SLOT_TAKEN.
 */
async function benchBookings(staff: Client, clients: Client[]): Promise<void> {
  const tomorrow = addDays(chinaDate(new Date()), 1)
  const SLOTS_PER_DAY = 40
  const slot = (i: number) => ({ date: addDays(tomorrow, Math.floor(i / SLOTS_PER_DAY)), start: timeOf((i % SLOTS_PER_DAY) * 30) })
  const newVenue = async () =>
    (
      await staff.ok<{ id: string }>('venues', 'save', {
        communityId: 'c-xingfu',
        name: '压测会议室',
        location: '社区',
        capacity: 1000,
        openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '23:30' })),
        slotMinutes: 30,
        bookingDays: 90,
        needsApproval: true,
        cancelHours: 0,
      })
    ).id

  console.log('\nBooking (venues.book: one 30-minute slot, distinct members and slots)')
  for (const level of LEVELS) {
    const venueId = await newVenue()
    const figures = await measure(OPS, level, async (i) => (await clients[i].call('venues', 'book', { venueId, ...slot(i), purpose: '压测', attendees: 5 })).ok)
    console.log(`  ${String(level).padStart(2)} clients: ${fmt(figures)}`)
  }

  console.log('\nOne slot raced (venues.book, every client the same slot: 1 wins, the rest SLOT_TAKEN)')
  for (const level of [8, 32]) {
    const venueId = await newVenue()
    let won = 0
    const figures = await measure(level, level, async (i) => {
      const response = await clients[i].call('venues', 'book', { venueId, ...slot(0), purpose: '压测', attendees: 5 })
      if (response.ok) won += 1
      return response.ok || response.error.code === 'SLOT_TAKEN'
    })
    console.log(`  ${String(level).padStart(2)} clients: ${fmt(figures)}   winners ${won}`)
  }
}

/** The staff dashboard: every figure of a month / a year for a community and the 街道, after the bench's own traffic. */
async function benchDashboard(server: LocalServer): Promise<void> {
  const staff = new Client(server, server.sessions.issue('demo-staff'))
  const admin = new Client(server, server.sessions.issue('demo-district-admin'))
  const now = new Date()
  const cases: Array<[string, Client, Record<string, unknown>]> = [
    ['community, month', staff, { communityId: 'c-xingfu', period: { kind: 'month', month: chinaMonth(now) } }],
    ['community, year ', staff, { communityId: 'c-xingfu', period: { kind: 'year', year: chinaYear(now) } }],
    ['街道, year      ', admin, { districtId: 'd-heping', period: { kind: 'year', year: chinaYear(now) } }],
  ]
  const enrollments = await server.db.collection('enrollments').where({ communityId: 'c-xingfu' }).count()
  const entries = await server.db.collection('entries').count()
  console.log(`\nDashboard (dashboard.overview over ${enrollments.total} enrollments, ${entries.total} ledger entries; 1 client, 30 requests)`)
  for (const [label, client, input] of cases) {
    const figures = await measure(30, 1, async () => (await client.call('dashboard', 'overview', input)).ok)
    console.log(`  ${label}: ${fmt(figures)}`)
  }
}

/** The conditional update every state machine relies on, through the engine and on raw SQLite, in one run. */
async function benchConditionalUpdate(dir: string): Promise<void> {
  const count = 20_000
  const engine = openLocalDatabase({ file: join(dir, 'cas-engine.db') })
  const docs = 1000
  for (let i = 0; i < docs; i += 1) await engine.collection('wishes').add({ _id: `w${i}`, communityId: 'c', status: 'open', n: 0, createdAt: new Date() })
  const statuses = ['open', 'claimed']
  const viaEngine = await measure(count, 1, async (i) => {
    const from = statuses[Math.floor(i / docs) % 2]
    const to = statuses[(Math.floor(i / docs) + 1) % 2]
    const { updated } = await engine.collection('wishes').where({ _id: `w${i % docs}`, status: from }).update({ status: to, n: engine.command.inc(1) })
    return updated === 1
  })
  engine.close()

  const raw = new Database(join(dir, 'cas-raw.db'))
  raw.pragma('journal_mode = WAL')
  raw.exec('CREATE TABLE wishes (_id TEXT PRIMARY KEY, status TEXT NOT NULL, n INTEGER NOT NULL)')
  const insert = raw.prepare('INSERT INTO wishes VALUES (?, ?, 0)')
  raw.transaction(() => {
    for (let i = 0; i < docs; i += 1) insert.run(`w${i}`, 'open')
  })()
  const update = raw.prepare('UPDATE wishes SET status = ?, n = n + 1 WHERE _id = ? AND status = ?')
  const viaRaw = await measure(count, 1, async (i) => {
    const from = statuses[Math.floor(i / docs) % 2]
    const to = statuses[(Math.floor(i / docs) + 1) % 2]
    return update.run(to, `w${i % docs}`, from).changes === 1
  })
  raw.close()
  console.log('\nSingle-document conditional update (where({_id, status}).update(...), one client)')
  console.log(`  engine (JSON + indexes + mingo): ${fmt(viaEngine)}`)
  console.log(`  raw better-sqlite3 UPDATE:       ${fmt(viaRaw)}`)
  console.log(`  ratio raw / engine: ${(viaRaw.opsPerSecond / viaEngine.opsPerSecond).toFixed(1)}×`)
  if (signupSingleClient) console.log(`  ratio raw / HTTP sign-up (1 client): ${(viaRaw.opsPerSecond / signupSingleClient.opsPerSecond).toFixed(1)}×`)
}

/** Fills `entries` and `accounts` in the engine's own storage format, in bulk, then lets the engine open it. */
function fillLedger(file: string, entries: number, users: number): void {
  openLocalDatabase({ file }).close()
  const db = new Database(file)
  const insertEntry = db.prepare('INSERT INTO entries (_id, rev, doc) VALUES (?, 1, ?)')
  const insertAccount = db.prepare('INSERT INTO accounts (_id, rev, doc) VALUES (?, 1, ?)')
  const perUser = Math.max(1, Math.floor(entries / users))
  const start = Date.UTC(2026, 0, 1)
  db.transaction(() => {
    let written = 0
    for (let u = 0; u < users && written < entries; u += 1) {
      const userId = `big-${u}`
      const accountId = `c-xingfu:${userId}`
      let available = 0
      for (let k = 0; k < perUser && written < entries; k += 1, written += 1) {
        available += 5
        const createdAt = { $date: start + written * 1000 }
        insertEntry.run(
          `earn:enrollment:${userId}:${k}`,
          JSON.stringify({
            _id: `earn:enrollment:${userId}:${k}`,
            accountId,
            communityId: 'c-xingfu',
            userId,
            kind: 'earn',
            amount: 5,
            heldChange: 0,
            hours: 0.5,
            refType: 'enrollment',
            refId: `${userId}:${k}`,
            actorId: 'bench',
            reason: '志愿服务',
            availableAfter: available,
            heldAfter: 0,
            createdAt,
          }),
        )
      }
      const now = { $date: start }
      insertAccount.run(
        accountId,
        JSON.stringify({
          _id: accountId,
          communityId: 'c-xingfu',
          userId,
          available,
          held: 0,
          totalEarned: available,
          totalSpent: 0,
          hoursTotal: available / 10,
          hoursByYear: { '2026': available / 10 },
          createdAt: now,
          updatedAt: now,
        }),
      )
    }
  })()
  db.close()
}

async function benchReads(dir: string): Promise<void> {
  console.log('\nHistory and balance reads (points.history page 1 of 20, points.balance; one client, over HTTP)')
  const results: Array<{ entries: number; history: Figures; balance: Figures }> = []
  for (const [entries, users] of [
    [1000, 100],
    [BIG_ENTRIES, BIG_USERS],
  ] as const) {
    const dataDir = join(dir, `ledger-${entries}`)
    const filled = performance.now()
    fillLedger(join(mkdirp(dataDir), 'tongxin.db'), entries, users)
    const server = await startLocalServer({ dataDir, port: 0, seed: true, quiet: true })
    const fillSeconds = (performance.now() - filled) / 1000
    // A user in the middle of the table, with a full page of history.
    const userId = `big-${Math.floor(users / 2)}`
    await server.db.collection('users').add({ _id: userId, openid: `openid-${userId}`, name: '读者', phone: '13800000000', communityId: 'c-xingfu', building: '', createdAt: new Date(), updatedAt: new Date() })
    const client = new Client(server, server.sessions.issue(`openid-${userId}`))
    // Warm up statement caches and the page cache, so both sizes are measured in the same state.
    await measure(50, 1, async () => (await client.call('points', 'history', { communityId: 'c-xingfu', pageSize: 20 })).ok)
    await measure(50, 1, async () => (await client.call('points', 'balance', { communityId: 'c-xingfu' })).ok)
    const history = await measure(500, 1, async () => (await client.call('points', 'history', { communityId: 'c-xingfu', pageSize: 20 })).ok)
    const balance = await measure(500, 1, async () => (await client.call('points', 'balance', { communityId: 'c-xingfu' })).ok)
    await server.close()
    console.log(`  ${String(entries).padStart(8)} entries (${users} users, built in ${fillSeconds.toFixed(1)} s)`)
    console.log(`    history: ${fmt(history)}`)
    console.log(`    balance: ${fmt(balance)}`)
    results.push({ entries, history, balance })
  }
  const [small, big] = results
  console.log(`  ratio ${big.entries}/${small.entries} entries: history p50 ${(big.history.p50 / small.history.p50).toFixed(2)}×, balance p50 ${(big.balance.p50 / small.balance.p50).toFixed(2)}×`)
}

function mkdirp(dir: string): string {
  mkdirSync(dir, { recursive: true })
  return dir
}

/** `npm run bench -- <section> …` runs only those sections; without one, all of them. */
const SECTIONS = process.argv.slice(2)
const wants = (section: string) => SECTIONS.length === 0 || SECTIONS.includes(section)

async function main() {
  if (wants('round-trips')) await benchRoundTrips()
  if (wants('hot-item')) await benchHotItem()
  // The heavy jobs at 街道 scale with production's latency (its own data set).
  if (wants('district')) await benchDistrict()
  if (SECTIONS.length > 0 && !wants('http')) return
  const dir = mkdtempSync(join(tmpdir(), 'tongxin-bench-'))
  console.log(`同心社区 bench — ${OPS} requests per level, Node ${process.version}, data in ${dir}`)
  try {
    const server = await startLocalServer({ dataDir: join(dir, 'http'), port: 0, seed: true, quiet: true })
    try {
      await benchHttp(server)
      await benchDashboard(server)
    } finally {
      await server.close()
    }
    await benchConditionalUpdate(dir)
    await benchReads(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
