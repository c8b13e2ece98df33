import type { Database } from '../db/types'
import { slotDocId, slotsOn, type BookingDoc, type BookingStatus, type OpeningHours, type VenueDoc, type VenueSlotDoc } from '../venues/model'
import { addDays, chinaDate, instantOf } from '../shared/china-time'

const HOUR = 3600 * 1000

const weekdays = (days: number[], open: string, close: string): OpeningHours[] => days.map((weekday) => ({ weekday, open, close }))

/**
 * Venues of the demo: 幸福社区's 多功能厅 (needs approval) and 党建共享之家
 * (approved as booked), 和谐社区's 活动室; bookings in every state around
 * the seed's today, with the slots the holding ones occupy.
 */
export async function seedVenues(db: Database, now: Date): Promise<void> {
  const today = chinaDate(now)
  const venue = (fields: Omit<VenueDoc, 'createdBy' | 'createdAt' | 'updatedAt' | 'active' | 'closures' | 'photos'> & { closures?: VenueDoc['closures'] }): VenueDoc => ({
    photos: [],
    closures: [],
    active: true,
    createdBy: 'u-staff',
    createdAt: new Date(now.getTime() - 90 * 24 * HOUR),
    updatedAt: new Date(now.getTime() - 90 * 24 * HOUR),
    ...fields,
  })
  const venues: VenueDoc[] = [
    venue({
      _id: 'v-hall',
      communityId: 'c-xingfu',
      name: '党群服务中心多功能厅',
      location: '幸福路 18 号党群服务中心二楼',
      description: '可开展主题党日、培训讲座、居民议事会。',
      capacity: 60,
      facilities: ['投影仪', '音响', '话筒', '空调'],
      openingHours: [...weekdays([1, 2, 3, 4, 5], '09:00', '12:00'), ...weekdays([1, 2, 3, 4, 5], '14:00', '18:00'), ...weekdays([6], '09:00', '12:00')],
      slotMinutes: 60,
      bookingDays: 14,
      needsApproval: true,
      cancelHours: 24,
      closures: [
        { id: 'cl-hall-repair', from: addDays(today, 10), to: addDays(today, 11), reason: '空调检修', createdBy: 'u-staff', createdAt: now },
      ],
    }),
    venue({
      _id: 'v-home',
      communityId: 'c-xingfu',
      name: '党建共享之家',
      location: '幸福小区 5 栋一楼',
      description: '小型学习、谈心谈话、志愿者碰头会。',
      capacity: 12,
      facilities: ['书架', '茶水', '电视'],
      openingHours: weekdays([1, 2, 3, 4, 5, 6, 7], '09:00', '21:00'),
      slotMinutes: 30,
      bookingDays: 7,
      needsApproval: false,
      cancelHours: 2,
    }),
    venue({
      _id: 'v-hexie-room',
      communityId: 'c-hexie',
      name: '和谐社区活动室',
      location: '和谐大道 66 号一楼',
      description: '居民活动、兴趣小组。',
      capacity: 30,
      facilities: ['桌椅', '白板'],
      openingHours: weekdays([1, 2, 3, 4, 5], '08:00', '18:00'),
      slotMinutes: 120,
      bookingDays: 10,
      needsApproval: true,
      cancelHours: 12,
    }),
  ]
  for (const doc of venues) await db.collection<VenueDoc>('venues').add(doc)

  /** The first day from `today + offset` on which the venue opens at `start` (for the hall: a working day). */
  const dayWith = (venueDoc: VenueDoc, offset: number, start: string): string => {
    for (let d = addDays(today, offset); ; d = addDays(d, offset >= 0 ? 1 : -1)) {
      if (slotsOn(venueDoc, d).some((slot) => slot.start === start)) return d
    }
  }
  const users: Record<string, { name: string; phone: string }> = {
    'u-member': { name: '张伟', phone: '13800000002' },
    'u-liaison': { name: '陈刚', phone: '13800000004' },
    'u-staff': { name: '王丽', phone: '13800000003' },
    'u-staff-hexie': { name: '孙梅', phone: '13800000006' },
  }
  const booking = async (
    _id: string,
    venueDoc: VenueDoc,
    userId: string,
    offset: number,
    start: string,
    slotCount: number,
    status: BookingStatus,
    purpose: string,
    attendees: number,
    extra: Partial<BookingDoc> = {},
  ) => {
    const date = dayWith(venueDoc, offset, start)
    const daySlots = slotsOn(venueDoc, date)
    const first = daySlots.findIndex((slot) => slot.start === start)
    const run = daySlots.slice(first, first + slotCount)
    const createdAt = new Date(Math.min(now.getTime(), instantOf(date, start).getTime()) - 26 * HOUR)
    const decided = status === 'approved' || status === 'refused'
    const doc: BookingDoc = {
      _id,
      venueId: venueDoc._id,
      venueName: venueDoc.name,
      communityId: venueDoc.communityId,
      userId,
      userName: users[userId].name,
      userPhone: users[userId].phone,
      date,
      start: run[0].start,
      end: run[run.length - 1].end,
      slots: run.map((slot) => slot.start),
      startAt: instantOf(date, run[0].start),
      endAt: instantOf(date, run[run.length - 1].end),
      purpose,
      attendees,
      status,
      createdAt,
      updatedAt: createdAt,
      decidedAt: decided ? new Date(createdAt.getTime() + 2 * HOUR) : null,
      decidedBy: decided ? (venueDoc.needsApproval ? 'u-staff' : 'auto') : null,
      refuseReason: '',
      cancelledAt: null,
      cancelledBy: null,
      cancelReason: '',
      ...extra,
    }
    await db.collection<BookingDoc>('bookings').add(doc)
    if (status !== 'pending' && status !== 'approved') return
    for (const slot of run) {
      await db.collection<VenueSlotDoc>('venueSlots').add({
        _id: slotDocId(venueDoc._id, date, slot.start),
        venueId: venueDoc._id,
        communityId: venueDoc.communityId,
        date,
        start: slot.start,
        bookingId: _id,
        createdAt,
      })
    }
  }
  const [hall, home, hexie] = venues
  await booking('bk-hall-pending', hall, 'u-member', 2, '09:00', 2, 'pending', '第三党小组学习会', 15)
  await booking('bk-hall-approved', hall, 'u-liaison', 3, '14:00', 2, 'approved', '共建单位座谈会', 30)
  await booking('bk-hall-refused', hall, 'u-member', 4, '10:00', 1, 'refused', '志愿者培训', 20, { refuseReason: '当天上午已安排居民议事会，请改约下午' })
  await booking('bk-home-approved', home, 'u-member', 1, '19:00', 2, 'approved', '楼栋志愿者碰头会', 8)
  await booking('bk-home-cancelled', home, 'u-staff', 1, '10:00', 1, 'cancelled', '谈心谈话', 2, {
    cancelledAt: new Date(now.getTime() - 3 * HOUR),
    cancelledBy: 'u-staff',
    cancelReason: '时间调整',
  })
  await booking('bk-home-past', home, 'u-member', -2, '15:00', 2, 'approved', '党员读书分享', 10)
  await booking('bk-hexie-approved', hexie, 'u-staff-hexie', 2, '08:00', 1, 'approved', '兴趣小组活动', 12)
}
