import { reportDocId, type MemberReportDoc, type ReportStatus } from '../../cloudfunctions/lib/members/model'
import { chinaYear } from '../../cloudfunctions/lib/shared/china-time'
import type { TestServer } from '../helpers/server'

/** A report written straight into the engine, in any status, for this year in c-xingfu unless told. */
export async function addReport(server: TestServer, userId: string, status: ReportStatus, communityId = 'c-xingfu'): Promise<string> {
  const now = new Date()
  const year = chinaYear(now)
  const reportId = reportDocId(communityId, userId, year)
  await server.db.collection<MemberReportDoc>('memberReports').add({
    _id: reportId,
    communityId,
    userId,
    year,
    name: '测试党员',
    workUnit: '测试单位',
    partyOrg: '测试单位党支部',
    partyJoinedAt: '2010-07-01',
    anniversary: '07-01',
    skills: ['摄影'],
    willingness: ['邻里互助'],
    status,
    ...(status === 'returned' ? { returnReason: '请补充信息' } : {}),
    ...(status === 'confirmed' ? { confirmedAt: now, confirmedBy: 'u-staff' } : {}),
    createdAt: now,
    updatedAt: now,
    history: [{ action: 'submit', at: now, by: userId }],
  })
  return reportId
}

export async function reportDoc(server: TestServer, reportId: string): Promise<MemberReportDoc | undefined> {
  return (await server.db.collection<MemberReportDoc>('memberReports').doc(reportId).get()).data[0]
}

export const validReport = {
  workUnit: '和平区税务局',
  partyOrg: '和平区税务局机关第一党支部',
  partyJoinedAt: '2015-07-01',
  skills: ['财务', '书法'],
  willingness: ['政策宣讲', '帮老人写春联'],
}
