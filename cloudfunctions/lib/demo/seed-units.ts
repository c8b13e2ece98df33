import type { Database } from '../db/types'
import { agreementId, type AgreementDoc, type CommitmentDoc, type CommitmentStatus, type DemandDoc } from '../units/model'
import { chinaYear } from '../shared/china-time'
import { demoCalendar } from './calendar'

const DAY = 24 * 60 * 60 * 1000

/** Co-building agreements for the seeded units, signed at the start of the year. */
export async function seedUnits(db: Database, now: Date): Promise<void> {
  const signedAt = new Date(now.getTime() - 60 * DAY)
  const pairs: Array<[unitId: string, communityId: string]> = [
    ['unit-school', 'c-xingfu'],
    ['unit-power', 'c-xingfu'],
    ['unit-power', 'c-hexie'],
    ['unit-tax', 'c-hexie'],
  ]
  for (const [unitId, communityId] of pairs) {
    await db.collection<AgreementDoc>('agreements').add({
      _id: agreementId(unitId, communityId),
      unitId,
      communityId,
      signedAt,
      status: 'active',
      reason: '',
      createdBy: 'u-staff',
      createdAt: signedAt,
      updatedAt: signedAt,
    })
  }

  const year = chinaYear(now)
  const commitment = (
    _id: string,
    unitId: string,
    fields: Pick<CommitmentDoc, 'title' | 'content' | 'category' | 'measure'>,
    deadlineOffsetDays: number,
    path: CommitmentStatus[],
    extra: Partial<CommitmentDoc> = {},
  ): CommitmentDoc => {
    const createdAt = new Date(now.getTime() - 40 * DAY)
    const by = unitId === 'unit-school' ? 'u-liaison' : 'u-staff'
    return {
      _id,
      unitId,
      communityId: 'c-xingfu',
      year,
      ...fields,
      deadline: new Date(now.getTime() + deadlineOffsetDays * DAY),
      status: path[path.length - 1]!,
      progress: [],
      evidence: null,
      withdrawReason: '',
      demandId: null,
      proposedBy: by,
      history: path.map((status, step) => ({ status, at: new Date(createdAt.getTime() + step * DAY), by: step % 2 ? 'u-staff' : by, note: '' })),
      createdAt,
      updatedAt: createdAt,
      ...extra,
    }
  }
  const commitments: CommitmentDoc[] = [
    commitment(
      'cm-school-playground',
      'unit-school',
      { title: '周末开放学校操场', content: '每周六、周日向社区居民开放操场和篮球场', category: '场地共享', measure: '全年开放不少于 40 个周末' },
      -5,
      ['proposed', 'agreed', 'in_progress', 'completed', 'verified'],
      {
        progress: [{ note: '已开放 20 个周末，累计 600 人次', photos: [], at: new Date(now.getTime() - 30 * DAY), by: 'u-liaison' }],
        evidence: { note: '全年开放 42 个周末，累计 1300 人次', photos: [] },
      },
    ),
    commitment(
      'cm-school-tutoring',
      'unit-school',
      { title: '党员教师课后辅导', content: '党员教师每周二为社区困难家庭子女辅导功课', category: '教育帮扶', measure: '服务不少于 30 次' },
      60,
      ['proposed', 'agreed', 'in_progress'],
      { progress: [{ note: '已辅导 12 次，8 名学生', photos: [], at: new Date(now.getTime() - 10 * DAY), by: 'u-liaison' }] },
    ),
    commitment(
      'cm-school-safety',
      'unit-school',
      { title: '交通安全进社区', content: '组织师生志愿者开展交通安全宣传', category: '志愿服务', measure: '开展宣传 4 次' },
      90,
      ['proposed'],
    ),
    commitment(
      'cm-power-check',
      'unit-power',
      { title: '老旧小区用电安全检查', content: '为 3 栋老旧楼免费检查线路', category: '便民服务', measure: '检查 120 户' },
      -3,
      ['proposed', 'agreed'],
    ),
    commitment(
      'cm-power-repair',
      'unit-power',
      { title: '独居老人电器义务维修', content: '每月一次上门维修', category: '便民服务', measure: '全年 12 次' },
      30,
      ['proposed', 'agreed', 'in_progress', 'completed'],
      { evidence: { note: '已完成 12 次上门维修', photos: [] } },
    ),
    commitment(
      'cm-power-lights',
      'unit-power',
      { title: '更换楼道灯', content: '更换幸福社区楼道灯', category: '便民服务', measure: '更换 200 盏' },
      20,
      ['proposed', 'withdrawn'],
      { withdrawReason: '物业已统一更换' },
    ),
  ]
  for (const doc of commitments) await db.collection<CommitmentDoc>('commitments').add(doc)

  // Published two days ago, or earlier this month on its first days: the year's 台账 counts them even on 1 January.
  const published = demoCalendar(now).recent(2 * DAY)
  const demand = (_id: string, title: string, content: string, category: string, maxClaims: number): DemandDoc => ({
    _id,
    communityId: 'c-xingfu',
    title,
    content,
    category,
    deadline: new Date(now.getTime() + 45 * DAY),
    maxClaims,
    claims: [],
    status: 'open',
    cancelReason: '',
    createdBy: 'u-staff',
    createdAt: published,
    updatedAt: published,
  })
  await db.collection<DemandDoc>('demands').add(demand('dm-handrails', '为独居老人安装卫生间扶手', '幸福社区 20 户独居老人卫生间需要安装扶手', '适老化改造', 1))
  await db.collection<DemandDoc>('demands').add(demand('dm-lecture', '青少年暑期安全讲座', '暑期为社区青少年开展防溺水、用电安全讲座', '教育帮扶', 2))
}
