/**
 * Round trips per action: every action of every function (cloudfunctions/registry.ts)
 * run through `invoke` as a demo identity with valid input, over a freshly
 * seeded local database wrapped by `instrumentDatabase`, counting calls and
 * waves (DESIGN §3: each database call is a network round trip in CloudBase).
 *
 * Each scenario prepares what its action needs (a fresh wish to confirm, a
 * fresh item to redeem …) through other actions, unmetered and without
 * latency, and then names the caller and the input of the one measured call.
 * Setup never depends on an earlier scenario's measured call, so the counts
 * are deterministic, and a scenario can run again (the bench repeats them).
 *
 * Used by test/integration/round-trips.test.ts (pins the counts and the
 * budgets) and scripts/bench.ts (prints them, and timings at 15 ms).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { functions } from '../cloudfunctions/registry'
import type { ContentChecker } from '../cloudfunctions/lib/content'
import { seedDemo } from '../cloudfunctions/lib/demo/seed'
import { instrumentDatabase, newMeter } from '../cloudfunctions/lib/db/instrument'
import { openLocalDatabase, type LocalDatabase } from '../cloudfunctions/lib/db/local'
import type { AnyAction } from '../cloudfunctions/lib/runtime/action'
import { invoke } from '../cloudfunctions/lib/runtime/invoke'
import { silentLogger } from '../cloudfunctions/lib/runtime/logger'
import { addDays, chinaDate } from '../cloudfunctions/lib/shared/china-time'
import { roleDocId } from '../cloudfunctions/lib/users/model'

/** A fixed moment (Tuesday 10:00 Beijing), so that the seed and every action see the same calendar on any machine. */
export const BASE_TIME = new Date('2026-03-10T02:00:00.000Z')
const HOUR = 3600_000
const DAY = 24 * HOUR

export interface Harness {
  db: LocalDatabase
  /** The clock every call sees; scenarios move it (check-in opens near an activity's start). */
  clock: { now: Date }
  /** While true, the content check cannot be reached (to make text wait for staff). */
  contentUnreachable: boolean
  /** An unmetered call that must succeed; returns its data. */
  call<T = any>(openid: string | null, fn: string, action: string, data?: unknown): Promise<T>
  /** A fresh registered person of 幸福社区 with these granted roles; returns their openid and id. */
  person(roles?: Array<'member' | 'staff'>, points?: number): Promise<{ openid: string; userId: string }>
  /** A distinct number for names and dates, so repeated runs never collide. */
  serial(): number
  close(): void
}

export interface Measured {
  calls: number
  waves: number
  byKind: Record<string, number>
  ms: number
}

/** What one measured call is: who calls, with what. */
export interface Call {
  as: string | null
  data: unknown
}

export type Scenario = (h: Harness) => Promise<Call>

const signingKey = 'round-trips-signing-key'

export async function openHarness(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'tongxin-rt-'))
  const db = openLocalDatabase({ file: join(dir, 'tongxin.db') })
  await seedDemo(db, BASE_TIME)
  let counter = 0
  const harness: Harness = {
    db,
    clock: { now: new Date(BASE_TIME) },
    contentUnreachable: false,
    async call(openid, fn, action, data) {
      const response = await invoke(functions[fn], { action, data: data ?? {} }, platform(harness, db, openid))
      if (!response.ok) throw new Error(`setup ${fn}.${action}: ${JSON.stringify(response.error)}`)
      return response.data as never
    },
    async person(roles = [], points = 0) {
      counter += 1
      const userId = `u-rt-${counter}`
      const openid = `openid-${userId}`
      const at = harness.clock.now
      await db.collection('users').add({
        _id: userId,
        openid,
        name: `测试${counter}`,
        phone: '13800000000',
        communityId: 'c-xingfu',
        building: '1 栋',
        createdAt: at,
        updatedAt: at,
      })
      for (const role of roles) {
        await db.collection('roles').add({ _id: roleDocId('c-xingfu', userId, role), userId, role, scopeId: 'c-xingfu', grantedBy: 'round-trips', createdAt: at })
      }
      if (points) await harness.call('demo-staff', 'points', 'adjust', { communityId: 'c-xingfu', userId, amount: points, reason: '测试积分' })
      return { openid, userId }
    },
    serial: () => ++counter,
    close() {
      db.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
  return harness
}

function platform(h: Harness, db: Parameters<typeof instrumentDatabase>[0], openid: string | null) {
  const contentCheck: ContentChecker = async () => {
    if (h.contentUnreachable) throw new Error('content check unreachable (round-trips harness)')
    return true
  }
  return { db, openid, log: silentLogger, now: () => new Date(h.clock.now), signingKey, contentCheck }
}

/** Prepares the scenario, then runs its one call metered (and delayed by `latencyMs` per round trip). */
export async function measure(h: Harness, key: string, options: { latencyMs?: number } = {}): Promise<Measured> {
  const [fnName, actionName] = key.split('.')
  const scenario = scenarios[key]
  if (!scenario) throw new Error(`no scenario for ${key}`)
  const call = await scenario(h)
  const meter = newMeter()
  const db = instrumentDatabase(h.db, { latencyMs: options.latencyMs ?? 0, meter })
  const started = performance.now()
  const response = await invoke(functions[fnName], { action: actionName, data: call.data }, platform(h, db, call.as))
  const ms = performance.now() - started
  h.clock.now = new Date(BASE_TIME)
  h.contentUnreachable = false
  if (!response.ok) throw new Error(`${key} as ${call.as}: ${JSON.stringify(response.error)}`)
  return { calls: meter.calls, waves: meter.waves, byKind: meter.byKind, ms }
}

/** Every action of every function, as `fn.action`. */
export function allActions(): string[] {
  return Object.entries(functions).flatMap(([fn, def]) => Object.keys(def.actions).map((action) => `${fn}.${action}`))
}

export function actionOf(key: string): AnyAction {
  const [fn, action] = key.split('.')
  return functions[fn].actions[action]
}

export type BudgetKind = 'staff' | 'other' | 'export'

// ------------------------------------------------------------ fixtures

const RESIDENT = 'demo-resident'
const MEMBER = 'demo-member'
const STAFF = 'demo-staff'
const LIAISON = 'demo-liaison'
const ADMIN = 'demo-district-admin'
const NEWCOMER = 'demo-newcomer'
const C = 'c-xingfu'

const iso = (date: Date) => date.toISOString()
const today = (h: Harness) => chinaDate(h.clock.now)

async function publishActivity(h: Harness, options: { startIn?: number; quota?: number; teamId?: string } = {}): Promise<string> {
  const start = new Date(h.clock.now.getTime() + (options.startIn ?? 2 * DAY))
  const card = await h.call(STAFF, 'activities', 'publish', {
    communityId: C,
    teamId: options.teamId ?? null,
    type: '志愿服务',
    title: `测量活动${h.serial()}`,
    description: '测量',
    place: '社区',
    startAt: iso(start),
    endAt: iso(new Date(start.getTime() + 3 * HOUR)),
    signupDeadline: iso(new Date(start.getTime() - HOUR)),
    quota: options.quota ?? 50,
    pointsRule: { kind: 'perHour', points: 10 },
    maxHours: 3,
  })
  return card.id
}

/** An activity with one member signed up, checked in and out; the clock is left at its end. */
async function attendedActivity(h: Harness): Promise<{ activityId: string; member: { openid: string; userId: string }; start: Date }> {
  const activityId = await publishActivity(h)
  const member = await h.person(['member'])
  await h.call(member.openid, 'activities', 'signup', { activityId })
  const start = new Date(h.clock.now.getTime() + 2 * DAY)
  h.clock.now = new Date(start.getTime() + 5 * 60_000)
  const code = (await h.call(STAFF, 'activities', 'checkinCode', { activityId })).code
  await h.call(member.openid, 'activities', 'checkin', { activityId, code })
  h.clock.now = new Date(start.getTime() + 2 * HOUR)
  const code2 = (await h.call(STAFF, 'activities', 'checkinCode', { activityId })).code
  await h.call(member.openid, 'activities', 'checkout', { activityId, code: code2 })
  return { activityId, member, start }
}

/** A fresh member with one confirmed attendance: something to certify. */
async function servedVolunteer(h: Harness): Promise<{ openid: string; userId: string }> {
  const { activityId, member } = await attendedActivity(h)
  await h.call(STAFF, 'activities', 'confirm', { activityId, userIds: [member.userId] })
  return member
}

/** A certificate a served volunteer asked for, not yet decided. */
async function requestedCertificate(h: Harness): Promise<{ volunteer: { openid: string; userId: string }; certificateId: string }> {
  const volunteer = await servedVolunteer(h)
  const requested = await h.call<{ id: string }>(volunteer.openid, 'certificates', 'request', {})
  return { volunteer, certificateId: requested.id }
}

/** An issued certificate and its number. */
async function issuedCertificate(h: Harness): Promise<{ volunteer: { openid: string; userId: string }; certificateId: string; number: string }> {
  const { volunteer, certificateId } = await requestedCertificate(h)
  const issued = await h.call<{ number: string }>(STAFF, 'certificates', 'issue', { certificateId })
  return { volunteer, certificateId, number: issued.number }
}

const wishText = (h: Harness) => ({ title: `测量心愿${h.serial()}`, story: '想请人帮忙', category: '其他' })

/** An open wish posted by a fresh resident. */
async function openWish(h: Harness): Promise<{ wishId: string; wisher: { openid: string; userId: string } }> {
  const wisher = await h.person()
  const wish = await h.call(wisher.openid, 'wishes', 'post', wishText(h))
  await h.call(STAFF, 'wishes', 'review', { wishId: wish.id, decision: 'approve' })
  return { wishId: wish.id, wisher }
}

async function claimedWish(h: Harness) {
  const wish = await openWish(h)
  const claimer = await h.person(['member'])
  await h.call(claimer.openid, 'wishes', 'claim', { wishId: wish.wishId })
  return { ...wish, claimer }
}

async function fulfilledWish(h: Harness) {
  const wish = await claimedWish(h)
  await h.call(wish.claimer.openid, 'wishes', 'fulfil', { wishId: wish.wishId, note: '已送到' })
  return wish
}

async function newItem(h: Harness, stock = 100): Promise<string> {
  const item = await h.call(STAFF, 'shop', 'saveItem', { communityId: C, name: `测量商品${h.serial()}`, pricePoints: 10, perPersonLimit: 100, onShelf: true, stock })
  return item.id
}

async function heldRedemption(h: Harness) {
  const buyer = await h.person([], 100)
  const itemId = await newItem(h)
  const redemption = await h.call(buyer.openid, 'shop', 'redeem', { itemId })
  return { buyer, itemId, redemption }
}

async function proposedCommitment(h: Harness): Promise<string> {
  const commitment = await h.call(LIAISON, 'units', 'proposeCommitment', {
    unitId: 'unit-school',
    communityId: C,
    year: 2026,
    title: `测量承诺${h.serial()}`,
    content: '每月一次',
    category: '教育',
    deadline: '2026-12-31',
    measure: '次数',
  })
  return commitment.id
}

async function agreedCommitment(h: Harness): Promise<string> {
  const commitmentId = await proposedCommitment(h)
  await h.call(STAFF, 'units', 'agreeCommitment', { commitmentId })
  return commitmentId
}

async function progressingCommitment(h: Harness): Promise<string> {
  const commitmentId = await agreedCommitment(h)
  await h.call(LIAISON, 'units', 'progressCommitment', { commitmentId, note: '进行中' })
  return commitmentId
}

async function completedCommitment(h: Harness): Promise<string> {
  const commitmentId = await progressingCommitment(h)
  await h.call(LIAISON, 'units', 'completeCommitment', { commitmentId, note: '已完成' })
  return commitmentId
}

async function openDemand(h: Harness): Promise<string> {
  const demand = await h.call(STAFF, 'units', 'publishDemand', { communityId: C, title: `测量需求${h.serial()}`, content: '需要帮助', category: '教育' })
  return demand.id
}

async function publishedResource(h: Harness, unchecked = false): Promise<string> {
  h.contentUnreachable = unchecked
  const resource = await h.call(LIAISON, 'units', 'publishResource', {
    unitId: 'unit-school',
    kind: '场地',
    title: `测量资源${h.serial()}`,
    description: '操场',
    availability: '周末',
  })
  h.contentUnreachable = false
  return resource.id
}

async function resourceRequest(h: Harness): Promise<string> {
  const resourceId = await publishedResource(h)
  const request = await h.call(STAFF, 'units', 'requestResource', { resourceId, communityId: C, note: '借用' })
  return request.id
}

async function submittedReport(h: Harness) {
  const person = await h.person()
  const report = await h.call(person.openid, 'members', 'submit', { workUnit: '某单位', partyOrg: '某党支部', partyJoinedAt: '2010-07-01', willingness: ['助老'] })
  return { person, reportId: report.id }
}

async function publishedAnnouncement(h: Harness): Promise<string> {
  const announcement = await h.call(STAFF, 'announcements', 'publish', { communityId: C, kind: 'notice', title: `测量公告${h.serial()}`, source: '内容' })
  return announcement.id
}

async function submittedSuggestion(h: Harness) {
  const author = await h.person()
  const suggestion = await h.call(author.openid, 'suggestions', 'submit', { category: '环境卫生', title: `测量建议${h.serial()}`, content: '楼道需要打扫' })
  return { author, suggestionId: suggestion.id }
}

async function acceptedSuggestion(h: Harness) {
  const suggestion = await submittedSuggestion(h)
  await h.call(STAFF, 'suggestions', 'accept', { suggestionId: suggestion.suggestionId })
  return suggestion
}

async function closedSuggestion(h: Harness) {
  const suggestion = await acceptedSuggestion(h)
  await h.call(STAFF, 'suggestions', 'close', { suggestionId: suggestion.suggestionId, result: '已处理完毕' })
  return suggestion
}

async function newVenue(h: Harness, needsApproval = true): Promise<string> {
  const openingHours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '08:00', close: '20:00' }))
  const venue = await h.call(STAFF, 'venues', 'save', {
    communityId: C,
    name: `测量场地${h.serial()}`,
    location: '一楼',
    capacity: 30,
    openingHours,
    slotMinutes: 60,
    bookingDays: 30,
    needsApproval,
    cancelHours: 0,
  })
  return venue.id
}

async function pendingBooking(h: Harness) {
  const venueId = await newVenue(h)
  const booker = await h.person(['member'])
  const booking = await h.call(booker.openid, 'venues', 'book', { venueId, date: addDays(today(h), 2), start: '10:00', purpose: '开会', attendees: 5 })
  return { venueId, booker, bookingId: booking.id }
}

/** A full activity (quota 1, its seat taken) with `waiting` fresh members in its waitlist. */
async function fullActivity(h: Harness, waiting = 0) {
  const activityId = await publishActivity(h, { quota: 1 })
  const seated = await h.person(['member'])
  await h.call(seated.openid, 'activities', 'signup', { activityId })
  const line: Array<{ openid: string; userId: string }> = []
  for (let i = 0; i < waiting; i += 1) {
    const person = await h.person(['member'])
    await h.call(person.openid, 'activities', 'joinWaitlist', { activityId })
    line.push(person)
  }
  return { activityId, seated, line }
}

type Person = { openid: string; userId: string }

/** A 服务队 of 幸福社区 with a fresh 队长 and one member staff added. */
async function newTeam(h: Harness): Promise<{ teamId: string; leader: Person; member: Person }> {
  const leader = await h.person(['member'])
  const team = await h.call(STAFF, 'teams', 'create', { communityId: C, name: `测量队${h.serial()}`, leaderId: leader.userId })
  const member = await h.person(['member'])
  await h.call(STAFF, 'teams', 'addMember', { teamId: team.id, userId: member.userId })
  return { teamId: team.id, leader, member }
}

/** A team whose activity its member attended and staff confirmed: hours on the team's book. */
async function teamWithHours(h: Harness) {
  const team = await newTeam(h)
  const activityId = await publishActivity(h, { teamId: team.teamId })
  await h.call(team.member.openid, 'activities', 'signup', { activityId })
  const start = new Date(h.clock.now.getTime() + 2 * DAY)
  h.clock.now = new Date(start.getTime() + 4 * HOUR)
  await h.call(STAFF, 'activities', 'recordAttendance', { activityId, userId: team.member.userId, checkInAt: iso(start), checkOutAt: iso(new Date(start.getTime() + 2 * HOUR)), reason: '纸质签到' })
  await h.call(STAFF, 'activities', 'confirm', { activityId, userIds: [team.member.userId] })
  h.clock.now = new Date(BASE_TIME)
  return { ...team, activityId }
}

// ------------------------------------------------------------ scenarios

const call = (as: string | null, data: unknown = {}): Call => ({ as, data })

/** One scenario per action. A new action without one fails the round-trip test. */
export const scenarios: Record<string, Scenario> = {
  // users
  'users.me': async () => call(RESIDENT),
  'users.register': async (h) => call(`newcomer-${h.serial()}`, { name: '新居民', phone: '13900000000', communityId: C }),
  'users.updateProfile': async (h) => call((await h.person()).openid, { building: '2 栋' }),
  'users.grantRole': async (h) => call(STAFF, { userId: (await h.person()).userId, communityId: C, role: 'member' }),
  'users.revokeRole': async (h) => call(STAFF, { userId: (await h.person(['member'])).userId, communityId: C, role: 'member' }),
  'users.list': async () => call(STAFF, { communityId: C }),
  'users.profile': async () => call(STAFF, { userId: 'u-resident' }),

  // communities
  'communities.list': async () => call(NEWCOMER),
  'communities.settings': async () => call(STAFF, { communityId: C }),
  'communities.updateSettings': async (h) => call(STAFF, { communityId: C, claimDays: 14 + (h.serial() % 2) }),
  'communities.overview': async () => call(RESIDENT),

  // activities
  'activities.list': async () => call(RESIDENT, { when: 'upcoming' }),
  'activities.detail': async () => call(MEMBER, { activityId: 'a-party-day' }),
  'activities.publish': async (h) => {
    const start = new Date(h.clock.now.getTime() + 3 * DAY)
    return call(STAFF, {
      communityId: C,
      type: '学习',
      title: `测量发布${h.serial()}`,
      place: '会议室',
      startAt: iso(start),
      endAt: iso(new Date(start.getTime() + 2 * HOUR)),
      signupDeadline: iso(new Date(start.getTime() - HOUR)),
      quota: 30,
      pointsRule: { kind: 'fixed', points: 5 },
      maxHours: 2,
    })
  },
  'activities.update': async (h) => call(STAFF, { activityId: await publishActivity(h), place: '新地点' }),
  'activities.cancel': async (h) => call(STAFF, { activityId: await publishActivity(h), reason: '天气原因' }),
  'activities.signup': async (h) => call((await h.person(['member'])).openid, { activityId: await publishActivity(h) }),
  'activities.withdraw': async (h) => {
    const activityId = await publishActivity(h)
    const member = await h.person(['member'])
    await h.call(member.openid, 'activities', 'signup', { activityId })
    return call(member.openid, { activityId })
  },
  'activities.mine': async () => call(MEMBER),
  'activities.cantCome': async (h) => {
    // A seat freed while someone waits: the hand-over, the costlier path.
    const { activityId, seated } = await fullActivity(h, 1)
    return call(seated.openid, { activityId })
  },
  'activities.joinWaitlist': async (h) => call((await h.person(['member'])).openid, { activityId: (await fullActivity(h)).activityId }),
  'activities.leaveWaitlist': async (h) => {
    const { activityId, line } = await fullActivity(h, 1)
    return call(line[0].openid, { activityId })
  },
  'activities.waitlist': async (h) => {
    const team = await newTeam(h)
    const activityId = await publishActivity(h, { quota: 1, teamId: team.teamId })
    await h.call(team.member.openid, 'activities', 'signup', { activityId })
    for (let i = 0; i < 2; i += 1) await h.call((await h.person(['member'])).openid, 'activities', 'joinWaitlist', { activityId })
    return call(team.leader.openid, { activityId })
  },
  'activities.checkinCode': async (h) => {
    const activityId = await publishActivity(h)
    h.clock.now = new Date(h.clock.now.getTime() + 2 * DAY)
    return call(STAFF, { activityId })
  },
  'activities.checkin': async (h) => {
    const activityId = await publishActivity(h)
    const member = await h.person(['member'])
    await h.call(member.openid, 'activities', 'signup', { activityId })
    h.clock.now = new Date(h.clock.now.getTime() + 2 * DAY)
    const { code } = await h.call(STAFF, 'activities', 'checkinCode', { activityId })
    return call(member.openid, { activityId, code })
  },
  'activities.checkout': async (h) => {
    const activityId = await publishActivity(h)
    const member = await h.person(['member'])
    await h.call(member.openid, 'activities', 'signup', { activityId })
    const start = new Date(h.clock.now.getTime() + 2 * DAY)
    h.clock.now = start
    await h.call(member.openid, 'activities', 'checkin', { activityId, code: (await h.call(STAFF, 'activities', 'checkinCode', { activityId })).code })
    h.clock.now = new Date(start.getTime() + 2 * HOUR)
    const { code } = await h.call(STAFF, 'activities', 'checkinCode', { activityId })
    return call(member.openid, { activityId, code })
  },
  'activities.recordAttendance': async (h) => {
    const activityId = await publishActivity(h)
    const member = await h.person(['member'])
    await h.call(member.openid, 'activities', 'signup', { activityId })
    const start = new Date(h.clock.now.getTime() + 2 * DAY)
    h.clock.now = new Date(start.getTime() + 4 * HOUR)
    return call(STAFF, { activityId, userId: member.userId, checkInAt: iso(start), checkOutAt: iso(new Date(start.getTime() + 2 * HOUR)), reason: '忘记签到' })
  },
  'activities.attendance': async () => call(STAFF, { activityId: 'a-past-cleanup' }),
  'activities.confirm': async (h) => {
    const { activityId, member } = await attendedActivity(h)
    return call(STAFF, { activityId, userIds: [member.userId] })
  },
  'activities.serviceRecord': async () => call(MEMBER),
  'activities.exportServiceRecord': async () => call(MEMBER),

  // wishes
  'wishes.post': async (h) => call((await h.person()).openid, wishText(h)),
  'wishes.postFor': async (h) => call(STAFF, { communityId: C, beneficiary: { name: '周大爷', address: '6 栋 101' }, ...wishText(h) }),
  'wishes.edit': async (h) => {
    const { wishId, wisher } = await openWish(h)
    return call(wisher.openid, { wishId, story: '改一改' })
  },
  'wishes.withdraw': async (h) => {
    const { wishId, wisher } = await openWish(h)
    return call(wisher.openid, { wishId })
  },
  'wishes.review': async (h) => {
    const wisher = await h.person()
    const wish = await h.call(wisher.openid, 'wishes', 'post', wishText(h))
    return call(STAFF, { wishId: wish.id, decision: 'approve' })
  },
  'wishes.reviewContent': async (h) => {
    const wish = await claimedWish(h)
    h.contentUnreachable = true
    await h.call(wish.claimer.openid, 'wishes', 'fulfil', { wishId: wish.wishId, note: '已送到' })
    h.contentUnreachable = false
    return call(STAFF, { wishId: wish.wishId, decision: 'clear' })
  },
  'wishes.reviewQueue': async () => call(STAFF, { communityId: C }),
  'wishes.wall': async () => call(RESIDENT),
  'wishes.detail': async () => call(RESIDENT, { wishId: 'w-visit' }),
  'wishes.claim': async (h) => {
    const { wishId } = await openWish(h)
    return call((await h.person(['member'])).openid, { wishId })
  },
  'wishes.release': async (h) => {
    const wish = await claimedWish(h)
    return call(wish.claimer.openid, { wishId: wish.wishId, reason: '临时有事' })
  },
  'wishes.fulfil': async (h) => {
    const wish = await claimedWish(h)
    return call(wish.claimer.openid, { wishId: wish.wishId, note: '已送到' })
  },
  'wishes.confirm': async (h) => {
    const wish = await fulfilledWish(h)
    return call(wish.wisher.openid, { wishId: wish.wishId, rating: 5, comment: '谢谢' })
  },
  'wishes.mine': async () => call(RESIDENT),
  'wishes.myClaims': async () => call(MEMBER),
  'wishes.expireClaims': async () => call(STAFF, { communityId: C }),

  // points
  'points.balance': async () => call(MEMBER),
  'points.history': async () => call(MEMBER),
  'points.adjust': async (h) => call(STAFF, { communityId: C, userId: (await h.person()).userId, amount: 10, reason: '补发积分' }),
  'points.accounts': async () => call(STAFF, { communityId: C }),

  // shop
  'shop.items': async () => call(RESIDENT),
  'shop.saveItem': async (h) => call(STAFF, { communityId: C, itemId: await newItem(h), name: '改名商品', pricePoints: 12, perPersonLimit: 2, onShelf: true }),
  'shop.restock': async (h) => call(STAFF, { itemId: await newItem(h), delta: 5, reason: '补货' }),
  'shop.redeem': async (h) => {
    const buyer = await h.person([], 100)
    return call(buyer.openid, { itemId: await newItem(h) })
  },
  'shop.myRedemptions': async () => call(MEMBER),
  'shop.cancel': async (h) => {
    const { buyer, redemption } = await heldRedemption(h)
    return call(buyer.openid, { redemptionId: redemption.id })
  },
  'shop.pickup': async (h) => {
    const { redemption } = await heldRedemption(h)
    return call(STAFF, { communityId: C, code: redemption.pickupCode })
  },
  'shop.redemptions': async () => call(STAFF, { communityId: C }),
  'shop.expireDue': async () => call(STAFF, { communityId: C }),

  // units
  'units.list': async () => call(RESIDENT),
  'units.detail': async () => call(RESIDENT, { unitId: 'unit-school' }),
  'units.register': async (h) =>
    call(STAFF, {
      communityId: C,
      name: `测量单位${h.serial()}`,
      kind: '机关',
      partyOrg: '某党支部',
      contact: { name: '联系人', phone: '13900000001' },
      address: '某路 1 号',
      signedAt: '2026-03-01',
    }),
  'units.pair': async (h) => {
    const unit = await h.call('demo-staff-hexie', 'units', 'register', {
      communityId: 'c-hexie',
      name: `和谐单位${h.serial()}`,
      kind: '机关',
      partyOrg: '某党支部',
      contact: { name: '联系人', phone: '13900000001' },
      address: '某路 1 号',
      signedAt: '2026-03-01',
    })
    return call(ADMIN, { unitId: unit.id, communityId: C, signedAt: '2026-03-01' })
  },
  'units.suspend': async (h) => {
    const unit = await h.call(STAFF, 'units', 'register', {
      communityId: C,
      name: `暂停单位${h.serial()}`,
      kind: '机关',
      partyOrg: '某党支部',
      contact: { name: '联系人', phone: '13900000001' },
      address: '某路 1 号',
      signedAt: '2026-03-01',
    })
    return call(STAFF, { unitId: unit.id, communityId: C, reason: '协议到期' })
  },
  'units.reinstate': async (h) => {
    const unit = await h.call(STAFF, 'units', 'register', {
      communityId: C,
      name: `恢复单位${h.serial()}`,
      kind: '机关',
      partyOrg: '某党支部',
      contact: { name: '联系人', phone: '13900000001' },
      address: '某路 1 号',
      signedAt: '2026-03-01',
    })
    await h.call(STAFF, 'units', 'suspend', { unitId: unit.id, communityId: C, reason: '协议到期' })
    return call(STAFF, { unitId: unit.id, communityId: C, reason: '续签' })
  },
  'units.createInvite': async () => call(STAFF, { unitId: 'unit-school', communityId: C }),
  'units.join': async (h) => {
    const invite = await h.call(STAFF, 'units', 'createInvite', { unitId: 'unit-school', communityId: C })
    return call((await h.person()).openid, { code: invite.code })
  },
  'units.proposeCommitment': async (h) =>
    call(LIAISON, {
      unitId: 'unit-school',
      communityId: C,
      year: 2026,
      title: `测量承诺${h.serial()}`,
      content: '每月一次',
      category: '教育',
      deadline: '2026-12-31',
      measure: '次数',
    }),
  'units.agreeCommitment': async (h) => call(STAFF, { commitmentId: await proposedCommitment(h) }),
  'units.progressCommitment': async (h) => call(LIAISON, { commitmentId: await agreedCommitment(h), note: '进行中' }),
  'units.completeCommitment': async (h) => call(LIAISON, { commitmentId: await progressingCommitment(h), note: '已完成' }),
  'units.verifyCommitment': async (h) => call(STAFF, { commitmentId: await completedCommitment(h) }),
  'units.withdrawCommitment': async (h) => call(STAFF, { commitmentId: await proposedCommitment(h), reason: '不再需要' }),
  'units.commitments': async () => call(RESIDENT, { communityId: C }),
  'units.publishDemand': async (h) => call(STAFF, { communityId: C, title: `测量需求${h.serial()}`, content: '需要帮助', category: '教育' }),
  'units.demands': async () => call(LIAISON, { communityId: C }),
  'units.claimDemand': async (h) => call(LIAISON, { demandId: await openDemand(h), unitId: 'unit-school' }),
  'units.completeDemand': async (h) => {
    const demandId = await openDemand(h)
    await h.call(LIAISON, 'units', 'claimDemand', { demandId, unitId: 'unit-school' })
    return call(STAFF, { demandId })
  },
  'units.cancelDemand': async (h) => call(STAFF, { demandId: await openDemand(h), reason: '不再需要' }),
  'units.publishResource': async (h) => call(LIAISON, { unitId: 'unit-school', kind: '场地', title: `测量资源${h.serial()}`, description: '操场', availability: '周末' }),
  'units.resources': async () => call(RESIDENT, { communityId: C }),
  'units.reviewResource': async (h) => call(STAFF, { resourceId: await publishedResource(h, true), decision: 'clear' }),
  'units.requestResource': async (h) => call(STAFF, { resourceId: await publishedResource(h), communityId: C, note: '借用' }),
  'units.answerRequest': async (h) => call(LIAISON, { requestId: await resourceRequest(h), accept: true }),
  'units.fulfilRequest': async (h) => {
    const requestId = await resourceRequest(h)
    await h.call(LIAISON, 'units', 'answerRequest', { requestId, accept: true })
    return call(STAFF, { requestId })
  },
  'units.resourceRequests': async () => call(STAFF, { communityId: C }),
  'units.rateCommitment': async (h) => {
    const commitmentId = await completedCommitment(h)
    await h.call(STAFF, 'units', 'verifyCommitment', { commitmentId })
    return call((await h.person()).openid, { commitmentId, score: 5 })
  },
  'units.report': async () => call(STAFF, { communityId: C, year: 2026 }),
  'units.exportReport': async () => call(STAFF, { communityId: C, year: 2026 }),
  'units.showcase': async () => call(RESIDENT, { communityId: C }),

  // reminders
  'reminders.mine': async () => call(MEMBER),
  'reminders.outbox': async () => call(STAFF, { communityId: C }),

  // members
  'members.submit': async (h) => call((await h.person()).openid, { workUnit: '某单位', partyOrg: '某党支部', partyJoinedAt: '2010-07-01', willingness: ['助老'] }),
  'members.mine': async () => call(MEMBER),
  'members.detail': async (h) => {
    const { person, reportId } = await submittedReport(h)
    return call(person.openid, { reportId })
  },
  'members.confirm': async (h) => call(STAFF, { reportId: (await submittedReport(h)).reportId }),
  'members.return': async (h) => call(STAFF, { reportId: (await submittedReport(h)).reportId, reason: '请填写全称' }),
  'members.withdraw': async (h) => {
    const { reportId } = await submittedReport(h)
    await h.call(STAFF, 'members', 'confirm', { reportId })
    return call(STAFF, { reportId, reason: '转出' })
  },
  'members.roster': async () => call(STAFF, { communityId: C }),
  'members.notReported': async () => call(STAFF, { communityId: C }),
  'members.exportRoster': async () => call(STAFF, { communityId: C }),

  // announcements
  'announcements.list': async () => call(RESIDENT),
  'announcements.detail': async (h) => call(RESIDENT, { announcementId: await publishedAnnouncement(h) }),
  'announcements.publish': async (h) => call(STAFF, { communityId: C, kind: 'notice', title: `测量公告${h.serial()}`, source: '内容' }),
  'announcements.update': async (h) => call(STAFF, { announcementId: await publishedAnnouncement(h), title: '新标题' }),
  'announcements.withdraw': async (h) => call(STAFF, { announcementId: await publishedAnnouncement(h), reason: '发错了' }),
  'announcements.pin': async (h) => call(STAFF, { announcementId: await publishedAnnouncement(h), pinned: true }),

  // suggestions
  'suggestions.submit': async (h) => call((await h.person()).openid, { category: '环境卫生', title: `测量建议${h.serial()}`, content: '楼道需要打扫' }),
  'suggestions.withdraw': async (h) => {
    const { author, suggestionId } = await submittedSuggestion(h)
    return call(author.openid, { suggestionId })
  },
  'suggestions.rate': async (h) => {
    const { author, suggestionId } = await closedSuggestion(h)
    return call(author.openid, { suggestionId, score: 5 })
  },
  'suggestions.mine': async () => call(RESIDENT),
  'suggestions.detail': async (h) => {
    const { author, suggestionId } = await acceptedSuggestion(h)
    return call(author.openid, { suggestionId })
  },
  'suggestions.accept': async (h) => call(STAFF, { suggestionId: (await submittedSuggestion(h)).suggestionId }),
  'suggestions.decline': async (h) => call(STAFF, { suggestionId: (await submittedSuggestion(h)).suggestionId, reason: '不属于社区职责' }),
  'suggestions.assign': async (h) => call(STAFF, { suggestionId: (await acceptedSuggestion(h)).suggestionId, handler: '物业公司' }),
  'suggestions.reply': async (h) => call(STAFF, { suggestionId: (await acceptedSuggestion(h)).suggestionId, text: '正在处理' }),
  'suggestions.close': async (h) => call(STAFF, { suggestionId: (await acceptedSuggestion(h)).suggestionId, result: '已处理完毕' }),
  'suggestions.list': async () => call(STAFF, { communityId: C }),
  'suggestions.public': async () => call(RESIDENT),

  'communities.workbench': async () => call(STAFF, { communityId: C }),

  // certificates
  'certificates.request': async (h) => call((await servedVolunteer(h)).openid, {}),
  'certificates.mine': async () => call(MEMBER),
  'certificates.list': async () => call(STAFF, { communityId: C }),
  'certificates.detail': async (h) => {
    const { volunteer, certificateId } = await issuedCertificate(h)
    return call(volunteer.openid, { certificateId })
  },
  'certificates.issue': async (h) => call(STAFF, { certificateId: (await requestedCertificate(h)).certificateId }),
  'certificates.reject': async (h) => call(STAFF, { certificateId: (await requestedCertificate(h)).certificateId, reason: '时段有误' }),
  'certificates.revoke': async (h) => call(STAFF, { certificateId: (await issuedCertificate(h)).certificateId, reason: '信息有误' }),
  'certificates.pdf': async (h) => {
    const { volunteer, certificateId } = await issuedCertificate(h)
    return call(volunteer.openid, { certificateId })
  },
  'certificates.verify': async (h) => call(null, { number: (await issuedCertificate(h)).number }),
  'certificates.exportNational': async () => call(STAFF, { communityId: C, year: 2026 }),

  // dashboard
  'dashboard.overview': async () => call(STAFF, { communityId: C, period: { kind: 'month', month: '2026-03' } }),
  'dashboard.export': async () => call(STAFF, { communityId: C, period: { kind: 'month', month: '2026-03' } }),

  'dashboard.volunteers': async (h) => {
    await teamWithHours(h)
    return call(STAFF, { communityId: C })
  },

  // teams
  'teams.create': async (h) => call(STAFF, { communityId: C, name: `测量队${h.serial()}`, description: '测量', leaderId: (await h.person(['member'])).userId }),
  'teams.update': async (h) => call(STAFF, { teamId: (await newTeam(h)).teamId, name: `改名队${h.serial()}` }),
  'teams.list': async (h) => {
    await newTeam(h)
    return call(RESIDENT)
  },
  'teams.detail': async (h) => {
    const { teamId } = await teamWithHours(h)
    return call(RESIDENT, { teamId })
  },
  'teams.mine': async (h) => {
    const { member } = await newTeam(h)
    return call(member.openid)
  },
  'teams.apply': async (h) => call((await h.person(['member'])).openid, { teamId: (await newTeam(h)).teamId }),
  'teams.leave': async (h) => {
    const { teamId, member } = await newTeam(h)
    return call(member.openid, { teamId })
  },
  'teams.review': async (h) => {
    const { teamId, leader } = await newTeam(h)
    const applicant = await h.person(['member'])
    await h.call(applicant.openid, 'teams', 'apply', { teamId })
    return call(leader.openid, { teamId, userId: applicant.userId, approve: true })
  },
  'teams.addMember': async (h) => call(STAFF, { teamId: (await newTeam(h)).teamId, userId: (await h.person(['member'])).userId }),
  'teams.removeMember': async (h) => {
    const { teamId, leader, member } = await newTeam(h)
    return call(leader.openid, { teamId, userId: member.userId, reason: '长期未参加' })
  },
  'teams.exportLedger': async (h) => {
    const { teamId, leader } = await teamWithHours(h)
    return call(leader.openid, { teamId })
  },

  // honours
  'honours.mine': async () => call(MEMBER),
  'honours.setPreferences': async (h) => call((await h.person()).openid, { leaderboardOptOut: true }),
  'honours.leaderboard': async (h) => {
    await teamWithHours(h)
    return call(RESIDENT, { scope: 'community', communityId: C, period: 'year' })
  },
  'honours.name': async (h) => call(STAFF, { communityId: C, kind: 'month', period: '2026-02', userId: (await h.person(['member'])).userId, citation: '热心服务邻里' }),
  'honours.list': async (h) => {
    await h.call(STAFF, 'honours', 'name', { communityId: C, kind: 'month', period: '2026-02', userId: (await h.person(['member'])).userId, citation: '热心服务邻里' })
    return call(RESIDENT, { communityId: C })
  },

  // venues
  'venues.list': async () => call(RESIDENT),
  'venues.detail': async () => call(MEMBER, { venueId: 'v-hall' }),
  'venues.save': async (h) => {
    const venueId = await newVenue(h)
    const openingHours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '09:00', close: '18:00' }))
    return call(STAFF, { venueId, communityId: C, name: '改名场地', location: '二楼', capacity: 20, openingHours, slotMinutes: 60, bookingDays: 14, needsApproval: true, cancelHours: 2 })
  },
  'venues.close': async (h) => call(STAFF, { venueId: await newVenue(h), from: addDays(today(h), 3), to: addDays(today(h), 4), reason: '检修' }),
  'venues.reopen': async (h) => {
    const venueId = await newVenue(h)
    const venue = await h.call(STAFF, 'venues', 'close', { venueId, from: addDays(today(h), 3), to: addDays(today(h), 4), reason: '检修' })
    return call(STAFF, { venueId, closureId: venue.venue.closures[0].id })
  },
  'venues.book': async (h) => call((await h.person(['member'])).openid, { venueId: await newVenue(h), date: addDays(today(h), 2), start: '10:00', purpose: '开会', attendees: 5 }),
  'venues.cancel': async (h) => {
    const { booker, bookingId } = await pendingBooking(h)
    return call(booker.openid, { bookingId })
  },
  'venues.approve': async (h) => call(STAFF, { bookingId: (await pendingBooking(h)).bookingId }),
  'venues.refuse': async (h) => call(STAFF, { bookingId: (await pendingBooking(h)).bookingId, reason: '时间冲突' }),
  'venues.mine': async () => call(MEMBER),
  'venues.day': async (h) => call(STAFF, { communityId: C, date: addDays(today(h), 1) }),
  'venues.bookings': async () => call(STAFF, { communityId: C }),
}

/**
 * The budget an action is held to (issue 12): an action only staff may call
 * ≤ 8 waves (a staff write; staff reads are held to the same), every other
 * action — a resident's, a member's, a liaison's, anyone's — ≤ 6. Exports and
 * reports are exempt from the wave budget: they may grow with their result,
 * in pages of ≤ 1000 at bounded parallelism.
 */
export function budgetOf(key: string): { kind: BudgetKind; waves: number } {
  if (/\.export\w*$/.test(key) || key === 'units.report' || key === 'dashboard.overview') return { kind: 'export', waves: Infinity }
  const action = actionOf(key)
  const staffOnly = Array.isArray(action.access) && action.access.every((role: string) => role === 'staff' || role === 'district_admin')
  return staffOnly ? { kind: 'staff', waves: 8 } : { kind: 'other', waves: 6 }
}

export { DAY, HOUR }

/**
 * `npx tsx scripts/round-trips.ts` prints every action's calls and waves;
 * with `--write` it also pins them in test/integration/round-trips.json
 * (check the table first: a count that went up is a regression to fix, not to pin).
 */
async function main(): Promise<void> {
  const h = await openHarness()
  const counts: Record<string, { calls: number; waves: number }> = {}
  try {
    for (const key of allActions()) {
      const { calls, waves } = await measure(h, key)
      counts[key] = { calls, waves }
      console.log(`${key.padEnd(32)} ${String(calls).padStart(4)} ${String(waves).padStart(4)}`)
    }
  } finally {
    h.close()
  }
  if (process.argv.includes('--write')) {
    const { writeFileSync } = await import('node:fs')
    const lines = Object.entries(counts).map(([key, { calls, waves }]) => `  ${JSON.stringify(key)}: { "calls": ${calls}, "waves": ${waves} }`)
    writeFileSync(join(__dirname, '..', 'test', 'integration', 'round-trips.json'), `{\n${lines.join(',\n')}\n}\n`)
    console.log('pinned in test/integration/round-trips.json')
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
