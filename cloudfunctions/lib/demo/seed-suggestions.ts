import type { Database } from '../db/types'
import type { Assignee, HistoryEntry, Rating, SuggestionCategory, SuggestionDoc, SuggestionStatus } from '../suggestions/model'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

interface Plan {
  _id: string
  communityId: string
  by: [userId: string, name: string]
  category: SuggestionCategory
  title: string
  content: string
  anonymous?: boolean
  /** Days before now it was submitted. */
  daysAgo: number
  status: SuggestionStatus
  staff: [userId: string, name: string]
  assignee?: Assignee
  replies?: string[]
  result?: string
  declineReason?: string
  rating?: Omit<Rating, 'at'>
}

/**
 * Builds the document a plan's steps would have left, each step a few hours
 * after the last, so timelines, response times and the dashboard read like
 * real handling.
 */
function build(plan: Plan, now: Date): SuggestionDoc {
  const createdAt = new Date(now.getTime() - plan.daysAgo * DAY)
  let clock = createdAt.getTime()
  const next = (hours: number) => new Date((clock += hours * HOUR))
  const [userId] = plan.by
  const [staffId, staffName] = plan.staff
  const history: HistoryEntry[] = [{ action: 'submit', at: createdAt, by: userId, byName: '', note: '' }]
  const doc: SuggestionDoc = {
    _id: plan._id,
    communityId: plan.communityId,
    userId,
    submitterName: plan.by[1],
    anonymous: plan.anonymous ?? false,
    category: plan.category,
    title: plan.title,
    content: plan.content,
    photos: [],
    status: plan.status,
    declineReason: '',
    assignee: null,
    replies: [],
    result: '',
    resultPhotos: [],
    history,
    createdAt,
    updatedAt: createdAt,
  }
  const staffStep = (action: HistoryEntry['action'], note: string, hours: number): Date => {
    const at = next(hours)
    history.push({ action, at, by: staffId, byName: staffName, note })
    doc.updatedAt = at
    return at
  }
  if (plan.status === 'withdrawn') {
    doc.withdrawnAt = next(3)
    history.push({ action: 'withdraw', at: doc.withdrawnAt, by: userId, byName: '', note: '' })
    doc.updatedAt = doc.withdrawnAt
    return doc
  }
  if (plan.status === 'declined') {
    doc.declineReason = plan.declineReason ?? ''
    doc.closedAt = staffStep('decline', doc.declineReason, 5)
    return doc
  }
  if (plan.status === 'submitted') return doc
  doc.acceptedAt = staffStep('accept', '', 4)
  if (plan.assignee) {
    doc.assignee = plan.assignee
    doc.assignedAt = staffStep('assign', `交办给${plan.assignee.name}`, 2)
  }
  for (const text of plan.replies ?? []) {
    const at = staffStep('reply', text, 20)
    doc.replies.push({ text, at, by: staffId, byName: staffName })
    doc.repliedAt ??= at
  }
  if (plan.status === 'closed') {
    doc.result = plan.result ?? ''
    doc.closedAt = staffStep('close', doc.result, 48)
    doc.repliedAt ??= doc.closedAt
    if (plan.rating) {
      const at = next(12)
      doc.rating = { ...plan.rating, at }
      history.push({ action: 'rate', at, by: userId, byName: '', note: plan.rating.comment })
      doc.updatedAt = at
    }
  }
  return doc
}

const wang: [string, string] = ['u-staff', '王丽']
const sun: [string, string] = ['u-staff-hexie', '孙梅']

/** 意见建议 in every status: 刘秀英 has one closed and not yet rated, so the demo can rate it. */
export async function seedSuggestions(db: Database, now: Date): Promise<void> {
  const plans: Plan[] = [
    {
      _id: 's-stair-light',
      communityId: 'c-xingfu',
      by: ['u-resident', '刘秀英'],
      category: '设施维修',
      title: '3 栋 2 单元楼道灯不亮',
      content: '3 栋 2 单元二楼到四楼的楼道灯坏了快一周，晚上上下楼看不清，老人容易摔倒。',
      daysAgo: 0.1,
      status: 'submitted',
      staff: wang,
    },
    {
      _id: 's-dance-noise',
      communityId: 'c-xingfu',
      by: ['u-member-zhao', '赵磊'],
      category: '邻里关系',
      title: '晚上广场舞音响太吵',
      content: '中心广场的广场舞每天晚上放到九点半以后，音响声音很大，影响孩子写作业和老人休息，希望协调一下时间和音量。',
      anonymous: true,
      daysAgo: 1,
      status: 'submitted',
      staff: wang,
    },
    {
      _id: 's-garbage-smell',
      communityId: 'c-xingfu',
      by: ['u-resident', '刘秀英'],
      category: '环境卫生',
      title: '垃圾分类点气味大',
      content: '5 栋旁边的垃圾分类点夏天气味很大，桶盖也坏了，希望能多清运一次并修好桶盖。',
      daysAgo: 3,
      status: 'accepted',
      staff: wang,
    },
    {
      _id: 's-ebike-charging',
      communityId: 'c-xingfu',
      by: ['u-member-li', '李明'],
      category: '治安安全',
      title: '电动车在楼道里充电',
      content: '7 栋有几户把电动车推进楼道拉线充电，存在火灾隐患，建议增设集中充电桩并加强劝导。',
      daysAgo: 5,
      status: 'assigned',
      staff: wang,
      assignee: { kind: 'handler', userId: null, name: '幸福物业服务中心' },
    },
    {
      _id: 's-fitness',
      communityId: 'c-xingfu',
      by: ['u-resident', '刘秀英'],
      category: '设施维修',
      title: '健身器材螺丝松动',
      content: '小花园里的漫步机和扭腰器螺丝松了，晃得厉害，锻炼的老人多，怕出危险。',
      daysAgo: 6,
      status: 'replied',
      staff: wang,
      assignee: { kind: 'staff', userId: 'u-staff', name: '王丽' },
      replies: ['已到现场查看，两台器材需要更换配件，已向街道申请，预计下周到货，这几天已拉警示带。'],
    },
    {
      _id: 's-property-fee',
      communityId: 'c-xingfu',
      by: ['u-resident', '刘秀英'],
      category: '物业管理',
      title: '希望公示物业费收支',
      content: '希望物业公司每季度在公告栏公示物业费和公共收益的收支情况，让大家心里有数。',
      daysAgo: 12,
      status: 'closed',
      staff: wang,
      assignee: { kind: 'handler', userId: null, name: '幸福物业服务中心' },
      replies: ['已转物业公司，物业答复将在本月底前完成第一次公示。'],
      result: '物业已在各楼栋公告栏和小程序公告中公示上季度收支明细，今后每季度公示一次。',
    },
    {
      _id: 's-playground',
      communityId: 'c-xingfu',
      by: ['u-member-chen', '陈静'],
      category: '社区发展建议',
      title: '建议增设儿童游乐区',
      content: '小区孩子多，但没有专门的儿童游乐设施，建议在中心花园空地增设一处儿童游乐区，铺上软垫。',
      daysAgo: 20,
      status: 'closed',
      staff: wang,
      replies: ['建议很好，已纳入今年社区微更新项目，正在征求居民意见。', '方案已公示，施工队下周进场。'],
      result: '中心花园东侧儿童游乐区已建成开放，铺设了安全地垫并设置了休息座椅。',
      rating: { score: 5, comment: '孩子们特别喜欢，感谢社区！' },
    },
    {
      _id: 's-parking',
      communityId: 'c-xingfu',
      by: ['u-resident', '刘秀英'],
      category: '社区发展建议',
      title: '建议修建地下停车场',
      content: '小区停车太难了，建议把中心广场挖开修一个地下停车场。',
      daysAgo: 15,
      status: 'declined',
      staff: wang,
      declineReason: '中心广场属于公共绿地，不能改建停车场；社区正在协调周边单位夜间错时共享车位，届时会发布通知。',
    },
    {
      _id: 's-pet',
      communityId: 'c-xingfu',
      by: ['u-member-zhao', '赵磊'],
      category: '其他',
      title: '遛狗不牵绳',
      content: '早上在小区里经常有人遛狗不牵绳，孩子上学有点害怕。',
      daysAgo: 8,
      status: 'withdrawn',
      staff: wang,
    },
    {
      _id: 's-hexie-road',
      communityId: 'c-hexie',
      by: ['u-hexie-ma', '马建国'],
      category: '设施维修',
      title: '小区门口路面坑洼',
      content: '和谐大道小区北门进门处路面有好几个坑，下雨天积水，电动车容易滑倒。',
      daysAgo: 2,
      status: 'submitted',
      staff: sun,
    },
    {
      _id: 's-hexie-security',
      communityId: 'c-hexie',
      by: ['u-hexie-tian', '田淑芬'],
      category: '治安安全',
      title: '北门门禁经常坏',
      content: '北门门禁最近经常打不开，外来人员随便进出，希望尽快修好。',
      daysAgo: 9,
      status: 'closed',
      staff: sun,
      replies: ['已通知物业维修门禁系统。'],
      result: '门禁系统已更换主板，恢复正常，物业安排保安早晚高峰值守。',
      rating: { score: 4, comment: '修好了，希望以后巡查勤一点。' },
    },
  ]
  for (const plan of plans) await db.collection<SuggestionDoc>('suggestions').add(build(plan, now))
}
