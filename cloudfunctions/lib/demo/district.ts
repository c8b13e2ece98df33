/**
 * A 街道-scale data set: `communities` communities × `residents` residents ×
 * a year of activity before `now` (the injected clock: any date works), about
 * 24k documents a community. Built for load: `npm run seed:district` writes
 * it, `npm run bench` measures the heavy jobs on it, `npm run audit` proves
 * it consistent.
 *
 * Documents are shaped exactly as the domain code writes them, from the
 * domains' own builders and ids (newEnrollment, creditFor, the ledger's keys
 * and account rules, claimDocId, slotDocId, pickupCodeDocId, reminderId …),
 * and the points are replayed in time order per account the way the ledger
 * applies them, so every balance equals the sum of its entries. Randomness
 * comes from a seeded generator: the same `now` and sizes give the same data.
 */
import { creditFor, newEnrollment, type ActivityDoc, type ActivityType, type EnrollmentDoc } from '../activities/model'
import { emptyAccount, earnKey, holdKey, postKey, voidKey } from '../points/ledger'
import { accountDocId, roundHours, type AccountDoc, type EntryDoc, type EntryKind, type EntryRefType } from '../points/model'
import { reminderId, type ReminderDoc } from '../reminders/model'
import { addDays, chinaDate, chinaYear, instantOf } from '../shared/china-time'
import { pickupCodeDocId, purchaseDocId, type ItemDoc, type PickupCodeDoc, type PurchaseDoc, type RedemptionDoc } from '../shop/model'
import type { SuggestionDoc } from '../suggestions/model'
import type { RatingDoc } from '../units/model'
import { defaultCommunitySettings, roleDocId, type CommunityDoc, type DistrictDoc, type RoleDoc, type UserDoc } from '../users/model'
import { slotDocId, type BookingDoc, type VenueDoc, type VenueSlotDoc } from '../venues/model'
import { claimDocId, type ClaimDoc, type WishCategory, type WishDoc } from '../wishes/model'
import type { MemberReportDoc } from '../members/model'

const HOUR = 3600 * 1000
const DAY = 24 * HOUR

export interface DistrictOptions {
  now: Date
  communities?: number
  residents?: number
  /** Past activities per community in the year (default 190). */
  activities?: number
  seed?: number
}

/** Receives the documents of one collection, a batch at a time. */
export type Sink = (collection: string, docs: Array<{ _id: string }>) => void | Promise<void>

export const DISTRICT_ID = 'd-district'
export const DISTRICT_ADMIN_ID = 'u-district-admin'
export const communityIdOf = (index: number): string => `c-d${String(index).padStart(2, '0')}`
export const staffIdOf = (communityId: string): string => `u-${communityId}-staff`
/** The activity of community 0 that ended an hour before `now` with 200 people checked in and out, for the confirm benchmark. */
export const BENCH_ACTIVITY_ID = 'a-c-d00-bench200'

/** mulberry32: small, fast, good enough for test data. */
function generator(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰海燕春梅晓东小红立新德明文华淑珍'

/** One ledger change, to be replayed in time order per account. */
interface LedgerEvent {
  at: Date
  key: string
  kind: EntryKind
  userId: string
  amount: number
  heldChange: number
  hours: number
  spent: number
  refType: EntryRefType
  refId: string
  actorId: string
  reason: string
  /** A hold that may be refused when the points are not there (the redemption is then not made). */
  redemption?: { doc: RedemptionDoc; settle: LedgerEvent | null }
}

export interface DistrictCounts {
  [collection: string]: number
}

/**
 * Writes the data set through `sink`, community by community, and returns
 * how many documents of each collection it wrote.
 */
export async function buildDistrict(options: DistrictOptions, sink: Sink): Promise<DistrictCounts> {
  const now = options.now
  const communities = options.communities ?? 10
  const residents = options.residents ?? 2000
  const activitiesPerYear = options.activities ?? 190
  const random = generator(options.seed ?? 20_261_203)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]
  const between = (from: number, to: number): number => from + random() * (to - from)
  const counts: DistrictCounts = {}
  const emit = async <T extends { _id: string }>(collection: string, docs: T[]) => {
    if (docs.length === 0) return
    counts[collection] = (counts[collection] ?? 0) + docs.length
    for (let start = 0; start < docs.length; start += 5000) await sink(collection, docs.slice(start, start + 5000))
  }
  const yearAgo = now.getTime() - 365 * DAY
  const today = chinaDate(now)
  const personName = (): string => `${pick([...SURNAMES])}${pick([...GIVEN])}${random() < 0.5 ? pick([...GIVEN]) : ''}`
  const phone = (n: number): string => `13${String(100_000_000 + n).slice(-9)}`

  await emit('districts', [{ _id: DISTRICT_ID, name: '同心街道', createdAt: new Date(yearAgo - 30 * DAY) } satisfies DistrictDoc])
  await emit('users', [{ _id: DISTRICT_ADMIN_ID, openid: 'openid-district-admin', name: '街道管理员', phone: phone(1), communityId: communityIdOf(0), building: '', createdAt: new Date(yearAgo - 30 * DAY), updatedAt: new Date(yearAgo - 30 * DAY) } satisfies UserDoc])
  await emit('roles', [{ _id: roleDocId(DISTRICT_ID, DISTRICT_ADMIN_ID, 'district_admin'), userId: DISTRICT_ADMIN_ID, role: 'district_admin', scopeId: DISTRICT_ID, grantedBy: 'seed', createdAt: new Date(yearAgo - 30 * DAY) } satisfies RoleDoc])

  for (let c = 0; c < communities; c += 1) {
    const communityId = communityIdOf(c)
    const staffId = staffIdOf(communityId)
    const founded = new Date(yearAgo - 30 * DAY)
    await emit('communities', [{ _id: communityId, districtId: DISTRICT_ID, name: `同心${c + 1}社区`, address: `同心街道${c + 1}号`, createdAt: founded } satisfies CommunityDoc])

    // ------------------------------------------------------------ people
    const users: UserDoc[] = [{ _id: staffId, openid: `openid-${staffId}`, name: `${personName()}`, phone: phone(c * 10_000 + 9_999), communityId, building: '', createdAt: founded, updatedAt: founded }]
    const roles: RoleDoc[] = [
      { _id: roleDocId(communityId, staffId, 'staff'), userId: staffId, role: 'staff', scopeId: communityId, grantedBy: 'seed', createdAt: founded },
      // The 街道's admin holds staff in each of its communities (as the demo's does).
      { _id: roleDocId(communityId, DISTRICT_ADMIN_ID, 'staff'), userId: DISTRICT_ADMIN_ID, role: 'staff', scopeId: communityId, grantedBy: 'seed', createdAt: founded },
    ]
    const people: string[] = []
    const members: string[] = []
    const names = new Map<string, string>()
    for (let r = 0; r < residents; r += 1) {
      const userId = `u-${communityId}-${String(r).padStart(4, '0')}`
      const joined = new Date(yearAgo - between(0, 200) * DAY)
      const name = personName()
      names.set(userId, name)
      users.push({ _id: userId, openid: `openid-${userId}`, name, phone: phone(c * 10_000 + r), communityId, building: `${1 + (r % 30)} 栋 ${1 + (r % 4)} 单元 ${100 + (r % 20)}`, createdAt: joined, updatedAt: joined })
      people.push(userId)
      if (r % 10 < 3) {
        members.push(userId)
        roles.push({ _id: roleDocId(communityId, userId, 'member'), userId, role: 'member', scopeId: communityId, grantedBy: staffId, createdAt: joined })
      }
    }
    await emit('users', users)
    await emit('roles', roles)

    // 在职党员报到: every member reported this year; most confirmed.
    const year = chinaYear(now)
    const reports: MemberReportDoc[] = members.map((userId, index) => {
      const createdAt = new Date(Math.max(yearAgo, instantOf(`${year}-01-01`, '09:00').getTime()) + between(0, 20) * DAY)
      const at = createdAt.getTime() > now.getTime() ? new Date(now.getTime() - HOUR) : createdAt
      const joinedYear = 1980 + (index % 40)
      // A few of them joined the party on today's month and day: the morning's 政治生日 reminders.
      const partyJoinedAt = index % 97 === 0 ? `${joinedYear}-${today.slice(5)}` : `${joinedYear}-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}`
      const confirmed = index % 10 !== 0
      return {
        _id: `${communityId}:${userId}:${year}`,
        communityId,
        userId,
        year,
        name: names.get(userId)!,
        workUnit: '同心街道某单位',
        partyOrg: '某单位党支部',
        partyJoinedAt,
        anniversary: partyJoinedAt.slice(5),
        skills: [],
        willingness: ['邻里互助'],
        status: confirmed ? 'confirmed' : 'submitted',
        ...(confirmed ? { confirmedAt: at, confirmedBy: staffId } : {}),
        createdAt: at,
        updatedAt: at,
        history: [{ action: 'submit', at, by: userId, note: '' }, ...(confirmed ? [{ action: 'confirm' as const, at, by: staffId, note: '' }] : [])],
      } as MemberReportDoc
    })
    await emit('memberReports', reports)

    // ------------------------------------------------------------ activities, attendance, earn entries
    const ledger: LedgerEvent[] = []
    const activities: ActivityDoc[] = []
    const enrollments: EnrollmentDoc[] = []
    const reminders: ReminderDoc[] = []
    const types: ActivityType[] = ['主题党日', '志愿服务', '文体', '学习', '志愿服务']
    const activity = (id: string, startAt: Date, hours: number, quota: number): ActivityDoc => {
      const createdAt = new Date(startAt.getTime() - 10 * DAY)
      return {
        _id: id,
        communityId,
        type: pick(types),
        title: `社区活动 ${id.slice(-4)}`,
        description: '欢迎党员和志愿者报名参加。',
        coverUrl: null,
        place: `同心${c + 1}社区党群服务中心`,
        startAt,
        endAt: new Date(startAt.getTime() + hours * HOUR),
        signupDeadline: new Date(startAt.getTime() - 2 * HOUR),
        quota,
        enrolledCount: 0,
        pointsRule: { kind: 'perHour', points: 10 },
        maxHours: hours,
        status: 'published',
        createdBy: staffId,
        createdAt,
        updatedAt: createdAt,
      }
    }
    const attend = (a: ActivityDoc, userId: string, confirmAt: Date | null, remind: boolean): EnrollmentDoc => {
      const enrollment = newEnrollment(a, userId, new Date(a.createdAt.getTime() + between(0, 8) * DAY))
      if (remind) {
        // The morning before, the reminders job stored (and delivery sent) "明天的活动".
        const day = addDays(chinaDate(a.startAt), -1)
        const at = instantOf(day, '08:00')
        reminders.push({
          _id: reminderId(userId, 'activity_tomorrow', a._id, day),
          userId,
          communityId,
          reason: 'activity_tomorrow',
          subjectId: a._id,
          day,
          title: `明天的活动：${a.title}`,
          fields: { activity: a.title, place: a.place },
          page: null,
          status: 'sent',
          attempts: 0,
          lastError: null,
          createdAt: at,
          sendingAt: null,
          sentAt: new Date(at.getTime() + 5 * 60 * 1000),
          updatedAt: new Date(at.getTime() + 5 * 60 * 1000),
        })
      }
      if (!confirmAt) return enrollment
      const checkInAt = new Date(a.startAt.getTime() - between(0, 30) * 60 * 1000)
      const checkOutAt = new Date(a.endAt.getTime() + between(-30, 30) * 60 * 1000)
      if (confirmAt.getTime() > now.getTime()) return { ...enrollment, checkInAt, checkOutAt, attendanceSource: 'code', updatedAt: checkOutAt }
      const credit = creditFor(a, checkInAt, checkOutAt)
      ledger.push({
        at: confirmAt,
        key: earnKey('enrollment', enrollment._id),
        kind: 'earn',
        userId,
        amount: credit.points,
        heldChange: 0,
        hours: roundHours(credit.hours),
        spent: 0,
        refType: 'enrollment',
        refId: enrollment._id,
        actorId: staffId,
        reason: `参加活动「${a.title}」`,
      })
      return { ...enrollment, status: 'confirmed', checkInAt, checkOutAt, attendanceSource: 'code', hours: credit.hours, points: credit.points, confirmedBy: staffId, confirmedAt: confirmAt, updatedAt: confirmAt }
    }
    for (let n = 0; n < activitiesPerYear; n += 1) {
      const startAt = new Date(yearAgo + ((n + between(0.1, 0.9)) / activitiesPerYear) * (now.getTime() - yearAgo - 3 * DAY))
      const hours = pick([1.5, 2, 2, 3])
      const a = activity(`a-${communityId}-${String(n).padStart(4, '0')}`, startAt, hours, 30)
      const cancelled = random() < 0.03
      if (cancelled) Object.assign(a, { status: 'cancelled', cancelReason: '天气原因', cancelledBy: staffId, cancelledAt: new Date(startAt.getTime() - DAY) })
      const signed = new Set<string>()
      const size = 18 + Math.floor(random() * 12)
      while (signed.size < size) signed.add(random() < 0.7 ? pick(members) : pick(people))
      let holding = 0
      for (const userId of signed) {
        if (cancelled || random() < 0.08) {
          enrollments.push({ ...newEnrollment(a, userId, a.createdAt), status: 'cancelled', updatedAt: a.createdAt })
          continue
        }
        holding += 1
        enrollments.push(attend(a, userId, new Date(a.endAt.getTime() + between(2, 48) * HOUR), true))
      }
      a.enrolledCount = holding
      activities.push(a)
    }
    // Tomorrow: the morning's reminders. Two activities, 30 signed up each, in every community.
    for (let n = 0; n < 2; n += 1) {
      const a = activity(`a-${communityId}-tomorrow-${n}`, instantOf(addDays(today, 1), n === 0 ? '09:00' : '14:30'), 2, 40)
      const signed = new Set<string>()
      while (signed.size < 30) signed.add(pick(members))
      for (const userId of signed) enrollments.push(attend(a, userId, null, false))
      a.enrolledCount = signed.size
      activities.push(a)
    }
    // The confirm benchmark: 200 people checked in and out of an activity that ended an hour ago.
    if (c === 0) {
      const a = activity(BENCH_ACTIVITY_ID, new Date(now.getTime() - 4 * HOUR), 3, 200)
      for (const userId of people.slice(0, 200)) {
        const enrollment = newEnrollment(a, userId, a.createdAt)
        enrollments.push({ ...enrollment, checkInAt: new Date(a.startAt.getTime() - 10 * 60 * 1000), checkOutAt: new Date(a.endAt.getTime() - 5 * 60 * 1000), attendanceSource: 'code', updatedAt: a.endAt })
      }
      a.enrolledCount = 200
      activities.push(a)
    }
    await emit('activities', activities)
    await emit('enrollments', enrollments)

    // ------------------------------------------------------------ wishes and claims (the claimer earns on confirmation)
    const wishes: WishDoc[] = []
    const claims: ClaimDoc[] = []
    const categories: WishCategory[] = ['学习用品', '生活物资', '陪伴服务', '维修帮办', '其他']
    for (let n = 0; n < 100; n += 1) {
      const wishId = `w-${communityId}-${String(n).padStart(3, '0')}`
      const createdAt = new Date(yearAgo + random() * (now.getTime() - yearAgo - 20 * DAY))
      const wisherId = pick(people)
      const base: WishDoc = {
        _id: wishId,
        communityId,
        wisherId,
        beneficiary: { name: names.get(wisherId)!, phone: '', address: `同心${c + 1}社区` },
        title: `微心愿 ${n}`,
        story: '谢谢社区的好心人！',
        category: pick(categories),
        photos: [],
        wishedBy: null,
        status: 'open',
        rejectReason: '',
        withdrawReason: '',
        claimId: null,
        claimDueAt: null,
        claimCount: 0,
        fulfilment: null,
        confirmation: null,
        postedBy: wisherId,
        createdAt,
        updatedAt: createdAt,
      }
      const roll = random()
      if (roll < 0.15) {
        wishes.push(base)
        continue
      }
      if (roll < 0.2) {
        wishes.push({ ...base, status: 'withdrawn', withdrawReason: '已自行解决', updatedAt: new Date(createdAt.getTime() + DAY) })
        continue
      }
      const claimer = pick(members.filter((member) => member !== wisherId).slice(0, 50))
      const claimedAt = new Date(createdAt.getTime() + between(1, 5) * DAY)
      const claimId = claimDocId(wishId, 1)
      const dueAt = new Date(claimedAt.getTime() + defaultCommunitySettings.claimDays * DAY)
      const claim: ClaimDoc = { _id: claimId, wishId, communityId, claimerType: 'member', claimerId: claimer, claimerName: names.get(claimer)!, actorId: claimer, status: 'active', dueAt, releaseReason: '', createdAt: claimedAt, closedAt: null }
      const claimed: WishDoc = { ...base, status: 'claimed', claimId, claimDueAt: dueAt, claimCount: 1, updatedAt: claimedAt }
      const fulfilledAt = new Date(claimedAt.getTime() + between(1, 10) * DAY)
      if (roll < 0.3 || fulfilledAt.getTime() > now.getTime()) {
        if (dueAt.getTime() < now.getTime()) {
          // Overdue: the release job let it go, back on the wall.
          claims.push({ ...claim, status: 'expired', closedAt: dueAt })
          wishes.push({ ...base, claimCount: 1, updatedAt: dueAt })
        } else {
          claims.push(claim)
          wishes.push(claimed)
        }
        continue
      }
      const fulfilment = { note: '已完成', photos: [], at: fulfilledAt }
      const confirmedAt = new Date(fulfilledAt.getTime() + between(0.5, 3) * DAY)
      if (roll < 0.4 || confirmedAt.getTime() > now.getTime()) {
        claims.push({ ...claim, status: 'fulfilled' })
        wishes.push({ ...claimed, status: 'fulfilled', fulfilment, updatedAt: fulfilledAt })
        continue
      }
      claims.push({ ...claim, status: 'confirmed', closedAt: confirmedAt })
      wishes.push({ ...claimed, status: 'confirmed', fulfilment, confirmation: { rating: 3 + Math.floor(random() * 3), comment: '', story: '', at: confirmedAt, by: wisherId }, updatedAt: confirmedAt })
      ledger.push({ at: confirmedAt, key: earnKey('wish', wishId), kind: 'earn', userId: claimer, amount: defaultCommunitySettings.wishPoints, heldChange: 0, hours: 0, spent: 0, refType: 'wish', refId: wishId, actorId: wisherId, reason: `微心愿：${base.title}` })
    }
    await emit('wishes', wishes)
    await emit('claims', claims)

    // ------------------------------------------------------------ suggestions
    const suggestions: SuggestionDoc[] = []
    for (let n = 0; n < 300; n += 1) {
      const userId = pick(people)
      const createdAt = new Date(yearAgo + random() * (now.getTime() - yearAgo - DAY))
      const doc: SuggestionDoc = {
        _id: `s-${communityId}-${String(n).padStart(3, '0')}`,
        communityId,
        userId,
        submitterName: names.get(userId)!,
        anonymous: false,
        category: '环境卫生',
        title: `意见建议 ${n}`,
        content: '建议在小区里多放几个分类垃圾桶。',
        photos: [],
        status: 'submitted',
        declineReason: '',
        assignee: null,
        replies: [],
        result: '',
        resultPhotos: [],
        history: [{ action: 'submit', at: createdAt, by: userId, byName: '', note: '' }],
        createdAt,
        updatedAt: createdAt,
      }
      const repliedAt = new Date(createdAt.getTime() + between(2, 72) * HOUR)
      if (random() < 0.85 && repliedAt.getTime() < now.getTime()) {
        doc.status = 'replied'
        doc.repliedAt = repliedAt
        doc.replies.push({ text: '收到，已安排处理。', at: repliedAt, by: staffId, byName: '社区工作人员' })
        doc.history.push({ action: 'reply', at: repliedAt, by: staffId, byName: '社区工作人员', note: '' })
        doc.updatedAt = repliedAt
        const closedAt = new Date(repliedAt.getTime() + between(1, 7) * DAY)
        if (random() < 0.8 && closedAt.getTime() < now.getTime()) {
          doc.status = 'closed'
          doc.closedAt = closedAt
          doc.result = '已处理完毕。'
          doc.history.push({ action: 'close', at: closedAt, by: staffId, byName: '社区工作人员', note: '' })
          doc.updatedAt = closedAt
          const ratedAt = new Date(closedAt.getTime() + between(1, 24) * HOUR)
          if (random() < 0.5 && ratedAt.getTime() < now.getTime()) {
            doc.rating = { score: 2 + Math.floor(random() * 4), comment: '', at: ratedAt }
            doc.history.push({ action: 'rate', at: ratedAt, by: userId, byName: '', note: '' })
          }
        }
      }
      suggestions.push(doc)
    }
    await emit('suggestions', suggestions)

    // ------------------------------------------------------------ venues and bookings (slots held by pending and approved ones)
    const venue: VenueDoc = {
      _id: `v-${communityId}-hall`,
      communityId,
      name: '党群服务中心多功能厅',
      location: `同心${c + 1}社区`,
      description: '',
      capacity: 60,
      facilities: ['投影仪'],
      photos: [],
      openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '08:00', close: '20:00' })),
      slotMinutes: 60,
      bookingDays: 14,
      needsApproval: true,
      cancelHours: 24,
      closures: [],
      active: true,
      createdBy: staffId,
      createdAt: founded,
      updatedAt: founded,
    }
    await emit('venues', [venue])
    const bookings: BookingDoc[] = []
    const slots: VenueSlotDoc[] = []
    const taken = new Set<string>()
    for (let n = 0; n < 1000; n += 1) {
      const date = addDays(today, -Math.floor(random() * 360) + 7)
      const hour = 8 + Math.floor(random() * 11)
      const start = `${String(hour).padStart(2, '0')}:00`
      const slotId = slotDocId(venue._id, date, start)
      if (taken.has(slotId)) continue
      const userId = pick(people)
      const startAt = instantOf(date, start)
      const createdAt = new Date(Math.min(now.getTime(), startAt.getTime()) - between(26, 200) * HOUR)
      const roll = random()
      const status: BookingDoc['status'] = roll < 0.8 ? 'approved' : roll < 0.88 ? 'refused' : roll < 0.96 ? 'cancelled' : startAt.getTime() > now.getTime() ? 'pending' : 'lapsed'
      const decided = status === 'approved' || status === 'refused'
      const bookingId = `bk-${communityId}-${String(n).padStart(4, '0')}`
      bookings.push({
        _id: bookingId,
        venueId: venue._id,
        venueName: venue.name,
        communityId,
        userId,
        userName: names.get(userId)!,
        userPhone: '',
        date,
        start,
        end: `${String(hour + 1).padStart(2, '0')}:00`,
        slots: [start],
        startAt,
        endAt: new Date(startAt.getTime() + HOUR),
        purpose: '居民活动',
        attendees: 10,
        status,
        createdAt,
        updatedAt: createdAt,
        decidedAt: decided ? new Date(createdAt.getTime() + 2 * HOUR) : null,
        decidedBy: decided ? staffId : null,
        refuseReason: status === 'refused' ? '当天已有安排' : '',
        cancelledAt: status === 'cancelled' ? new Date(createdAt.getTime() + 3 * HOUR) : null,
        cancelledBy: status === 'cancelled' ? userId : null,
        cancelReason: status === 'cancelled' ? '时间调整' : '',
        ...(status === 'lapsed' ? { lapsedAt: startAt } : {}),
      })
      if (status === 'pending' || status === 'approved') {
        taken.add(slotId)
        slots.push({ _id: slotId, venueId: venue._id, communityId, date, start, bookingId, createdAt })
      }
    }
    await emit('bookings', bookings)
    await emit('venueSlots', slots)

    // ------------------------------------------------------------ 群众评议 of units' commitments
    const ratings: RatingDoc[] = []
    for (let n = 0; n < 100; n += 1) {
      const userId = pick(people)
      const commitmentId = `cm-${communityId}-${n % 10}`
      const id = `${commitmentId}:${userId}`
      if (ratings.some((rating) => rating._id === id)) continue
      ratings.push({ _id: id, commitmentId, unitId: `unit-${communityId}`, communityId, userId, score: 1 + Math.floor(random() * 5), comment: '', createdAt: new Date(yearAgo + random() * (now.getTime() - yearAgo)) })
    }
    await emit('ratings', ratings)

    // ------------------------------------------------------------ the shop: redemption attempts, replayed with the earnings
    const items: ItemDoc[] = Array.from({ length: 8 }, (_, n) => ({
      _id: `i-${communityId}-${n}`,
      communityId,
      name: ['洗衣液', '大米', '食用油', '毛巾', '牙膏', '抽纸', '保温杯', '雨伞'][n],
      photoUrl: null,
      pricePoints: [20, 50, 60, 15, 10, 12, 80, 40][n],
      stock: 100_000,
      perPersonLimit: 0,
      onShelf: true,
      createdAt: founded,
      updatedAt: founded,
    }))
    const redemptionDays = defaultCommunitySettings.redemptionDays
    let code = 100_000
    for (let n = 0; n < 2200; n += 1) {
      // Most attempts through the year; a band whose pick-up window closes within the next day (the morning's "即将过期").
      const expiringSoon = n < 60
      const createdAt = expiringSoon ? new Date(now.getTime() - (redemptionDays - 0.5) * DAY + n * 60 * 1000) : new Date(yearAgo + 30 * DAY + random() * (now.getTime() - yearAgo - 30 * DAY))
      const item = pick(items)
      const redemptionId = `r-${communityId}-${String(n).padStart(4, '0')}`
      const expiresAt = new Date(createdAt.getTime() + redemptionDays * DAY)
      const doc: RedemptionDoc = {
        _id: redemptionId,
        communityId,
        itemId: item._id,
        itemName: item.name,
        userId: pick(members),
        points: item.pricePoints,
        status: 'held',
        pickupCode: String((code += 1)),
        expiresAt,
        createdAt,
        closedAt: null,
        closedBy: null,
        closeReason: '',
      }
      let settle: LedgerEvent | null = null
      const roll = random()
      const closeAt = expiringSoon ? null : roll < 0.85 ? new Date(createdAt.getTime() + between(0.1, redemptionDays - 0.5) * DAY) : roll < 0.93 ? new Date(createdAt.getTime() + between(0.1, 3) * DAY) : expiresAt
      if (closeAt && closeAt.getTime() < now.getTime()) {
        const kind: 'post' | 'void' = roll < 0.85 ? 'post' : 'void'
        doc.status = roll < 0.85 ? 'picked' : roll < 0.93 ? 'cancelled' : 'expired'
        doc.closedAt = closeAt
        doc.closedBy = doc.status === 'picked' ? staffId : doc.status === 'cancelled' ? doc.userId : 'system'
        doc.closeReason = doc.status === 'cancelled' ? '不需要了' : doc.status === 'expired' ? '超过领取期限' : ''
        settle = {
          at: closeAt,
          key: kind === 'post' ? postKey(redemptionId) : voidKey(redemptionId),
          kind,
          userId: doc.userId,
          amount: kind === 'post' ? 0 : doc.points,
          heldChange: -doc.points,
          hours: 0,
          spent: kind === 'post' ? doc.points : 0,
          refType: 'redemption',
          refId: redemptionId,
          actorId: doc.closedBy!,
          reason: kind === 'post' ? `领取「${item.name}」` : `取消兑换「${item.name}」`,
        }
      }
      ledger.push({
        at: createdAt,
        key: holdKey(redemptionId),
        kind: 'hold',
        userId: doc.userId,
        amount: -doc.points,
        heldChange: doc.points,
        hours: 0,
        spent: 0,
        refType: 'redemption',
        refId: redemptionId,
        actorId: doc.userId,
        reason: `兑换「${item.name}」`,
        redemption: { doc, settle },
      })
    }

    // Replay every change in time order, as the ledger applies them: a hold the balance cannot cover is
    // never made, and neither is its pick-up or cancellation.
    const settles = ledger.flatMap((event) => (event.redemption?.settle ? [{ ...event.redemption.settle, settles: event.key }] : []))
    const queue: Array<LedgerEvent & { settles?: string }> = [...ledger, ...settles].sort((a, b) => a.at.getTime() - b.at.getTime() || (a.key < b.key ? -1 : 1))
    const accounts = new Map<string, AccountDoc>()
    const entries: EntryDoc[] = []
    const redemptions: RedemptionDoc[] = []
    const purchases = new Map<string, PurchaseDoc>()
    const pickupCodes: PickupCodeDoc[] = []
    const stockUsed = new Map<string, number>()
    const madeHolds = new Set<string>()
    for (const event of queue) {
      if (event.settles && !madeHolds.has(event.settles)) continue
      const accountId = accountDocId(communityId, event.userId)
      const account = accounts.get(accountId) ?? emptyAccount(communityId, event.userId, event.at)
      if (event.kind === 'hold' && account.available + event.amount < 0) continue
      const available = account.available + event.amount
      const held = account.held + event.heldChange
      const credited = event.kind === 'earn' || event.kind === 'adjust' ? event.amount : 0
      const yearKey = String(chinaYear(event.at))
      accounts.set(accountId, {
        ...account,
        available,
        held,
        totalEarned: account.totalEarned + credited,
        totalSpent: account.totalSpent + event.spent,
        hoursTotal: roundHours(account.hoursTotal + event.hours),
        hoursByYear: event.hours > 0 ? { ...account.hoursByYear, [yearKey]: roundHours((account.hoursByYear[yearKey] ?? 0) + event.hours) } : account.hoursByYear,
        updatedAt: event.at,
      })
      entries.push({ _id: event.key, accountId, communityId, userId: event.userId, kind: event.kind, amount: event.amount, heldChange: event.heldChange, hours: event.hours, refType: event.refType, refId: event.refId, actorId: event.actorId, reason: event.reason, availableAfter: available, heldAfter: held, createdAt: event.at })
      if (event.redemption) {
        const { doc } = event.redemption
        madeHolds.add(event.key)
        redemptions.push(doc)
        if (doc.status === 'held' || doc.status === 'picked') {
          stockUsed.set(doc.itemId, (stockUsed.get(doc.itemId) ?? 0) + 1)
          const purchaseId = purchaseDocId(doc.itemId, doc.userId)
          const purchase = purchases.get(purchaseId) ?? { _id: purchaseId, communityId, itemId: doc.itemId, userId: doc.userId, count: 0, updatedAt: doc.createdAt }
          purchases.set(purchaseId, { ...purchase, count: purchase.count + 1, updatedAt: doc.createdAt })
        }
        if (doc.status === 'held') pickupCodes.push({ _id: pickupCodeDocId(communityId, doc.pickupCode), communityId, code: doc.pickupCode, redemptionId: doc._id, createdAt: doc.createdAt })
      }
    }
    await emit('items', items.map((item) => ({ ...item, stock: item.stock - (stockUsed.get(item._id) ?? 0) })))
    await emit('redemptions', redemptions)
    await emit('purchases', [...purchases.values()])
    await emit('pickupCodes', pickupCodes)
    await emit('entries', entries)
    await emit('accounts', [...accounts.values()])
    await emit('reminders', reminders)
  }
  return counts
}
