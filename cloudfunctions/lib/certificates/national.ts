/**
 * The community's confirmed service as rows for the 全国志愿服务信息系统's
 * bulk import of service hours (服务时长导入): one row per confirmed
 * attendance, in the template's column order. Syncing with that system stays
 * out of scope; staff upload this workbook there by hand. The full ID number
 * is in it because the import matches volunteers by 证件类型 + 证件号码;
 * only staff of the community can export it, and the export is audited.
 */
import * as z from 'zod'
import { activitiesByIds, serviceInCommunities } from '../activities/hours'
import type { Database } from '../db/types'
import type { ActionContext } from '../runtime/action'
import { recordAudit } from '../shared/audit'
import { chinaDate, chinaYear, yearRange } from '../shared/china-time'
import { id } from '../shared/schemas'
import type { UserDoc } from '../users/model'

export const NATIONAL_COLUMNS = ['姓名', '证件类型', '证件号码', '志愿者编号', '服务项目', '服务日期', '服务时长（小时）', '记录单位', '备注'] as const
export const ID_TYPE = '居民身份证'
export const NO_ID_NOTE = '未填写证件号码，导入前请补全'
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export const exportNationalInput = z.object({ communityId: id, year: z.number().int().min(2000).max(2100).optional() }).strict()

async function usersByIds(db: Database, ids: string[]): Promise<Map<string, UserDoc>> {
  const unique = [...new Set(ids)]
  const found = new Map<string, UserDoc>()
  for (let start = 0; start < unique.length; start += 100) {
    const batch = unique.slice(start, start + 100)
    const page = await db.collection<UserDoc>('users').where({ _id: db.command.in(batch) }).limit(batch.length).get()
    for (const user of page.data) found.set(user._id, user)
  }
  return found
}

/** A Beijing year's confirmed service in the community (default this year), one row per attendance, oldest first. */
export async function exportNational(input: z.output<typeof exportNationalInput>, ctx: ActionContext): Promise<{ fileName: string; mimeType: string; base64: string; rows: number; missingIdNumbers: number }> {
  const { db } = ctx
  const community = ctx.community!
  const year = input.year ?? chinaYear(ctx.now())
  const lines = (await serviceInCommunities(db, [community._id], yearRange(year))).sort((a, b) => a.servedAt.getTime() - b.servedAt.getTime())
  const [activities, users] = await Promise.all([activitiesByIds(db, lines.map((line) => line.activityId)), usersByIds(db, lines.map((line) => line.userId))])

  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '同心社区'
  workbook.created = ctx.now()
  const sheet = workbook.addWorksheet('服务时长导入')
  sheet.columns = [10, 12, 22, 16, 30, 12, 14, 16, 24].map((width) => ({ width }))
  sheet.addRow([...NATIONAL_COLUMNS]).font = { bold: true }
  let missingIdNumbers = 0
  for (const line of lines) {
    const user = users.get(line.userId)
    const idNumber = user?.idNumber ?? ''
    if (!idNumber) missingIdNumbers += 1
    const row = sheet.addRow([
      user?.name ?? '',
      ID_TYPE,
      idNumber,
      user?.volunteerNo?.trim() ?? '',
      activities.get(line.activityId)?.title ?? '',
      chinaDate(line.servedAt),
      line.hours,
      community.name,
      idNumber ? '' : NO_ID_NOTE,
    ])
    // As text, or Excel shows an 18-digit number in scientific notation and drops the last digits.
    row.getCell(3).numFmt = '@'
  }
  await recordAudit(ctx, { kind: 'national_export', targetId: community._id, communityId: community._id, detail: { year, rows: lines.length } })
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
  return {
    fileName: `全国志愿服务信息系统导入-${community.name}-${year}.xlsx`,
    mimeType: XLSX_MIME,
    base64: buffer.toString('base64'),
    rows: lines.length,
    missingIdNumbers,
  }
}
