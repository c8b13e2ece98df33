import type { ActivityDoc, ActivityType } from '../activities/model'
import type { Database } from '../db/types'
import type { ItemDoc } from '../shop/model'
import type { UnitDoc } from '../units/model'
import { seedVenues } from './seed-venues'
import { seedUnits } from './seed-units'
import { roleDocId, type CommunityDoc, type DistrictDoc, type GrantedRole, type RoleDoc, type UserDoc } from '../users/model'
import { claimDocId, type ClaimDoc, type WishCategory, type WishDoc, type WishStatus } from '../wishes/model'
import { chineseMonthOf, demoCalendar } from './calendar'
import { demoIdentities } from './identities'
import { seedActivities } from './seed-activities'
import { seedMembers } from './seed-members'
import { seedSuggestions } from './seed-suggestions'
import { seedOpeningBalances, seedRedemption } from './seed-points'
import { seedReminders } from './seed-reminders'
import { rebuildStats } from '../dashboard/recount'

const HOUR = 3600 * 1000
const DAY = 24 * HOUR

/**
 * Demo data for `npm start`: a 街道 with two 社区, a person per role, and
 * some activities, wishes, units and shop items. Runs only on an empty
 * database, so restarting keeps what people did.
 */
export async function seedDemo(db: Database, now = new Date()): Promise<{ seeded: boolean }> {
  const existing = await db.collection('districts').limit(1).get()
  if (existing.data.length > 0) return { seeded: false }

  const at = (offset: number) => new Date(now.getTime() + offset)
  const add = async <T extends { _id: string }>(collection: string, docs: T[]) => {
    for (const doc of docs) await db.collection<T>(collection).add(doc)
  }

  await add<DistrictDoc>('districts', [{ _id: 'd-heping', name: '和平街道', createdAt: now }])
  await add<CommunityDoc>('communities', [
    { _id: 'c-xingfu', districtId: 'd-heping', name: '幸福社区', address: '和平街道幸福路 18 号', createdAt: now },
    { _id: 'c-hexie', districtId: 'd-heping', name: '和谐社区', address: '和平街道和谐大道 66 号', createdAt: now },
  ])

  const people: Array<{ userId: string; phone: string; communityId: string; building: string }> = [
    { userId: 'u-resident', phone: '13800000001', communityId: 'c-xingfu', building: '3 栋 2 单元 101' },
    { userId: 'u-member', phone: '13800000002', communityId: 'c-xingfu', building: '5 栋 1 单元 502' },
    { userId: 'u-staff', phone: '13800000003', communityId: 'c-xingfu', building: '社区党群服务中心' },
    { userId: 'u-liaison', phone: '13800000004', communityId: 'c-xingfu', building: '第一实验小学' },
    { userId: 'u-admin', phone: '13800000005', communityId: 'c-xingfu', building: '和平街道办事处' },
    { userId: 'u-staff-hexie', phone: '13800000006', communityId: 'c-hexie', building: '和谐社区服务站' },
  ]
  await add<UserDoc>(
    'users',
    people.map((person) => {
      const identity = demoIdentities.find((candidate) => candidate.userId === person.userId)!
      return {
        _id: person.userId,
        openid: identity.openid,
        name: identity.name,
        phone: person.phone,
        communityId: person.communityId,
        building: person.building,
        createdAt: now,
        updatedAt: now,
      }
    }),
  )

  const grant = (userId: string, role: GrantedRole, scopeId: string): RoleDoc => ({
    _id: roleDocId(scopeId, userId, role),
    userId,
    role,
    scopeId,
    grantedBy: 'seed',
    createdAt: now,
  })
  await add<RoleDoc>('roles', [
    grant('u-member', 'member', 'c-xingfu'),
    grant('u-staff', 'staff', 'c-xingfu'),
    grant('u-staff', 'member', 'c-xingfu'),
    grant('u-liaison', 'liaison', 'unit-school'),
    grant('u-admin', 'district_admin', 'd-heping'),
    grant('u-staff-hexie', 'staff', 'c-hexie'),
  ])

  // Activities start at Beijing hours people keep, on days counted from today in Beijing.
  const calendar = demoCalendar(now)
  const activity = (
    _id: string,
    communityId: string,
    type: ActivityType,
    title: (startAt: Date) => string,
    place: string,
    startAt: Date,
    hours: number,
    quota: number,
    points: number,
  ): ActivityDoc => {
    // Published a week ahead (or now, for one starting sooner), never after it started.
    const createdAt = new Date(Math.min(now.getTime(), startAt.getTime() - 7 * DAY))
    return {
      _id,
      communityId,
      type,
      title: title(startAt),
      description: `${title(startAt)}，欢迎党员和志愿者报名参加。`,
      coverUrl: null,
      place,
      startAt,
      endAt: new Date(startAt.getTime() + hours * HOUR),
      signupDeadline: new Date(startAt.getTime() - 2 * HOUR),
      quota,
      enrolledCount: 0,
      pointsRule: { kind: 'perHour', points },
      maxHours: hours,
      status: 'published',
      createdBy: 'u-staff',
      createdAt,
      updatedAt: createdAt,
    }
  }
  const named = (title: string) => () => title
  await add<ActivityDoc>('activities', [
    activity('a-party-day', 'c-xingfu', '主题党日', (startAt) => `${chineseMonthOf(startAt)}主题党日：重温入党誓词`, '社区党群服务中心二楼', calendar.on(2, '09:00'), 2, 40, 10),
    activity('a-cleanup', 'c-xingfu', '志愿服务', named('楼道清洁志愿行动'), '幸福小区 1-6 栋', calendar.on(3, '09:00'), 3, 20, 10),
    activity('a-elderly', 'c-xingfu', '志愿服务', named('敬老院陪伴服务'), '和平街道敬老院', calendar.on(5, '14:30'), 2, 15, 12),
    activity('a-study', 'c-xingfu', '学习', named('党的二十届四中全会精神宣讲'), '社区会议室', calendar.on(7, '14:30'), 1.5, 60, 5),
    activity('a-dance', 'c-xingfu', '文体', named('广场舞联谊'), '幸福广场', calendar.on(9, '19:00'), 2, 50, 4),
    // The latest slot already confirmed (seedActivities): this month always has an attendance, even on the 1st.
    activity('a-past-cleanup', 'c-xingfu', '志愿服务', named('垃圾分类宣传'), '幸福小区南门', calendar.lastSlot().startAt, 2, 20, 10),
    activity('a-hexie-party-day', 'c-hexie', '主题党日', (startAt) => `和谐社区${chineseMonthOf(startAt)}主题党日`, '和谐社区会议室', calendar.on(4, '09:00'), 2, 30, 10),
  ])

  const wish = (
    _id: string,
    title: string,
    category: WishCategory,
    status: WishStatus,
    beneficiary: WishDoc['beneficiary'],
    wisherId: string | null,
    ageDays: number,
  ): WishDoc => ({
    _id,
    communityId: 'c-xingfu',
    wisherId,
    beneficiary,
    title,
    story: `${title}。谢谢社区的好心人！`,
    category,
    photos: [],
    wishedBy: null,
    status,
    rejectReason: '',
    withdrawReason: '',
    claimId: null,
    claimDueAt: null,
    claimCount: 0,
    fulfilment: null,
    confirmation: null,
    postedBy: wisherId ?? 'u-staff',
    createdAt: at(-ageDays * DAY),
    updatedAt: at(-ageDays * DAY),
  })
  const liu = { name: '刘秀英', phone: '13800000001', address: '幸福小区 3 栋 2 单元 101' }
  await add<WishDoc>('wishes', [
    wish('w-lamp', '家里的台灯坏了，想请人帮忙修一修', '维修帮办', 'open', liu, 'u-resident', 1),
    wish('w-schoolbag', '孙子上三年级，想要一个新书包', '学习用品', 'open', { name: '周桂兰', phone: '', address: '幸福小区 6 栋 1 单元 302' }, null, 2),
    // Claimed by 张伟 a day ago, due in 13 days (claimDays 14): its claim is below.
    {
      ...wish('w-visit', '独居老人，希望周末有人来聊聊天', '陪伴服务', 'claimed', { name: '欧阳明华', phone: '', address: '幸福小区 2 栋 3 单元 201' }, null, 4),
      claimId: claimDocId('w-visit', 1),
      claimDueAt: at(13 * DAY),
      claimCount: 1,
    },
    wish('w-rice', '想要一袋大米和食用油', '生活物资', 'open', { name: '何建平', phone: '13900000011', address: '幸福小区 4 栋 1 单元 102' }, null, 6),
    wish('w-pending', '想学用智能手机挂号', '其他', 'pending', liu, 'u-resident', 0),
  ])
  await add<ClaimDoc>('claims', [
    {
      _id: claimDocId('w-visit', 1),
      wishId: 'w-visit',
      communityId: 'c-xingfu',
      claimerType: 'member',
      claimerId: 'u-member',
      claimerName: '张伟',
      actorId: 'u-member',
      status: 'active',
      dueAt: at(13 * DAY),
      releaseReason: '',
      createdAt: at(-DAY),
      closedAt: null,
    },
  ])

  await add<UnitDoc>('units', [
    {
      _id: 'unit-school',
      name: '第一实验小学',
      kind: '学校',
      partyOrg: '第一实验小学党支部',
      contact: { name: '陈刚', phone: '13800000004' },
      address: '和平街道育才路 1 号',
      communityIds: ['c-xingfu'],
      status: 'active',
      createdAt: now,
    },
    {
      _id: 'unit-power',
      name: '国网和平供电所',
      kind: '企事业单位',
      partyOrg: '和平供电所党支部',
      contact: { name: '李强', phone: '13800000021' },
      address: '和平街道电力路 9 号',
      communityIds: ['c-xingfu', 'c-hexie'],
      status: 'active',
      createdAt: now,
    },
    {
      _id: 'unit-tax',
      name: '区税务局第二税务所',
      kind: '机关',
      partyOrg: '第二税务所党支部',
      contact: { name: '吴敏', phone: '13800000022' },
      address: '和平街道人民路 120 号',
      communityIds: ['c-hexie'],
      status: 'active',
      createdAt: now,
    },
  ])

  const item = (_id: string, name: string, pricePoints: number, stock: number, perPersonLimit: number): ItemDoc => ({
    _id,
    communityId: 'c-xingfu',
    name,
    photoUrl: null,
    pricePoints,
    stock,
    perPersonLimit,
    onShelf: true,
    createdAt: now,
    updatedAt: now,
  })
  await add<ItemDoc>('items', [
    item('i-soap', '洗衣皂（2 块装）', 20, 50, 2),
    item('i-oil', '食用油 1.8L', 120, 10, 1),
    item('i-towel', '毛巾', 30, 40, 2),
    item('i-haircut', '理发券', 50, 20, 1),
  ])
  // In the order things happened, so each 积分明细 entry's balance is the one before plus its amount.
  await seedOpeningBalances(db, new Date(now.getTime() - 30 * DAY))
  await seedActivities(db, now)
  await seedRedemption(db, now)
  await seedUnits(db, now)
  await seedMembers(db, now)
  await seedSuggestions(db, now)
  await seedVenues(db, now)
  // Last: the daily scan reads what the others seeded.
  await seedReminders(db, now)
  // The seed writes documents directly, not through the domains: the dashboard's roll-ups are counted from them.
  await rebuildStats(db)
  return { seeded: true }
}
