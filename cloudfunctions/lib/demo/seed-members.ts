import type { AnnouncementDoc } from '../announcements/model'
import { renderMarkdown } from '../announcements/render'
import type { Database } from '../db/types'
import { reportDocId, type MemberReportDoc, type ReportStatus } from '../members/model'
import { chinaMonthDay, chinaYear } from '../shared/china-time'
import { roleDocId, type RoleDoc, type UserDoc } from '../users/model'

const DAY = 24 * 3600 * 1000


/**
 * 在职党员报到 in 幸福社区 this year: 张伟 and 王丽 confirmed, 李明 waiting for
 * review, 陈静 returned with a reason; 赵磊 is a member who has not reported.
 * And three announcements, one of them a pinned notice.
 */
export async function seedMembers(db: Database, now: Date): Promise<void> {
  const at = (offset: number) => new Date(now.getTime() + offset)
  const people = [
    { _id: 'u-member-li', name: '李明', phone: '13800000031', building: '7 栋 2 单元 801' },
    { _id: 'u-member-chen', name: '陈静', phone: '13800000032', building: '2 栋 1 单元 402' },
    { _id: 'u-member-zhao', name: '赵磊', phone: '13800000033', building: '9 栋 3 单元 1201' },
  ]
  for (const person of people) {
    await db.collection<UserDoc>('users').add({ ...person, openid: `seed-${person._id}`, communityId: 'c-xingfu', createdAt: at(-60 * DAY), updatedAt: at(-60 * DAY) })
    const grant: RoleDoc = { _id: roleDocId('c-xingfu', person._id, 'member'), userId: person._id, role: 'member', scopeId: 'c-xingfu', grantedBy: 'u-staff', createdAt: at(-60 * DAY) }
    await db.collection<RoleDoc>('roles').add(grant)
  }

  const year = chinaYear(now)
  const report = (
    userId: string,
    name: string,
    status: ReportStatus,
    fields: Pick<MemberReportDoc, 'workUnit' | 'partyOrg' | 'partyJoinedAt' | 'skills' | 'willingness'>,
    ageDays: number,
  ): MemberReportDoc => {
    const createdAt = at(-ageDays * DAY)
    const decidedAt = at(-(ageDays - 1) * DAY)
    const history: MemberReportDoc['history'] = [{ action: 'submit', at: createdAt, by: userId }]
    if (status === 'confirmed') history.push({ action: 'confirm', at: decidedAt, by: 'u-staff' })
    if (status === 'returned') history.push({ action: 'return', at: decidedAt, by: 'u-staff', note: '所在党组织请填写全称（如：XX 公司第一党支部）' })
    return {
      _id: reportDocId('c-xingfu', userId, year),
      communityId: 'c-xingfu',
      userId,
      year,
      name,
      ...fields,
      anniversary: fields.partyJoinedAt.slice(5),
      status,
      ...(status === 'confirmed' ? { confirmedAt: decidedAt, confirmedBy: 'u-staff' } : {}),
      ...(status === 'returned' ? { returnReason: '所在党组织请填写全称（如：XX 公司第一党支部）' } : {}),
      createdAt,
      updatedAt: status === 'submitted' ? createdAt : decidedAt,
      history,
    }
  }
  const reports: MemberReportDoc[] = [
    // 2016 is a leap year, so a seed run on 29 February still makes a real date.
    report('u-member', '张伟', 'confirmed', { workUnit: '和平区人民医院', partyOrg: '和平区人民医院第二党支部', partyJoinedAt: `2016-${chinaMonthDay(now)}`, skills: ['急救培训', '健康咨询'], willingness: ['医疗健康', '关爱老幼'] }, 30),
    report('u-staff', '王丽', 'confirmed', { workUnit: '幸福社区居委会', partyOrg: '幸福社区党委', partyJoinedAt: '2009-06-18', skills: ['组织活动'], willingness: ['政策宣讲', '邻里互助'] }, 40),
    report('u-member-li', '李明', 'submitted', { workUnit: '国网和平供电所', partyOrg: '和平供电所党支部', partyJoinedAt: '2012-10-09', skills: ['电工'], willingness: ['环境整治', '治安巡逻', '义务维修家电'] }, 2),
    report('u-member-chen', '陈静', 'returned', { workUnit: '区第一中学', partyOrg: '一中', partyJoinedAt: '2018-05-04', skills: ['数学辅导'], willingness: ['助学辅导'] }, 6),
  ]
  for (const doc of reports) await db.collection<MemberReportDoc>('memberReports').add(doc)

  const announcement = (
    _id: string,
    kind: AnnouncementDoc['kind'],
    title: string,
    source: string,
    pinned: boolean,
    ageDays: number,
  ): AnnouncementDoc => ({
    _id,
    communityId: 'c-xingfu',
    kind,
    title,
    cover: null,
    source,
    html: renderMarkdown(source),
    status: 'published',
    pinned,
    publishedAt: at(-ageDays * DAY),
    createdBy: 'u-staff',
    updatedAt: at(-ageDays * DAY),
    updatedBy: 'u-staff',
    withdrawReason: '',
  })
  await db.collection<AnnouncementDoc>('announcements').add(
    announcement(
      'n-report-notice',
      'notice',
      '关于开展在职党员到社区报到工作的通知',
      '## 报到对象\n\n居住在本社区的**在职党员**。\n\n## 报到方式\n\n1. 打开「我的 → 在职党员报到」\n2. 填写工作单位、所在党组织、入党日期和服务意向\n3. 社区党委审核确认\n\n> 每名报到党员每年参加社区活动不少于 2 次，提出建议不少于 1 条。',
      true,
      10,
    ),
  )
  await db.collection<AnnouncementDoc>('announcements').add(
    announcement('n-cleanup-news', 'news', '幸福社区开展垃圾分类宣传活动', '近日，社区党员志愿者在幸福小区南门开展**垃圾分类宣传**，发放宣传册 200 余份。\n\n- 讲解四分类标准\n- 现场演示正确投放', false, 4),
  )
  await db.collection<AnnouncementDoc>('announcements').add(
    announcement('n-heating-notice', 'notice', '冬季供暖设施检修通知', '供暖公司将于本周三上午对 1–6 栋供暖管道进行检修，届时将**短暂停暖**，请居民提前做好准备。', false, 1),
  )
}
