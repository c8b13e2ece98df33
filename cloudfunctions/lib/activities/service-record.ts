/**
 * 志愿服务记录: a member's confirmed service, with the fields 民政部令第67号
 * (《志愿服务记录与证明出具办法》) asks a record to hold — name, volunteer
 * number, activity, service content, date, hours, organiser, recorder — and
 * its XLSX export. The export is marked as the community's internal record:
 * it is not a certificate issued through the national volunteer system.
 */
import * as z from 'zod'
import type { Database } from '../db/types'
import type { ActionContext } from '../runtime/action'
import { chinaDate } from '../shared/china-time'
import { paging, type Page } from '../shared/schemas'
import type { CommunityDoc, UserDoc } from '../users/model'
import type { ActivityDoc, EnrollmentDoc } from './model'

export const serviceRecordInput = z.object({ ...paging }).strict()
export const exportServiceRecordInput = z.object({}).strict()

export interface ServiceRecordRow {
  /** The confirmed enrollment this row comes from. */
  id: string
  activityTitle: string
  serviceContent: string
  /** When the service began (check-in). */
  date: Date
  hours: number
  /** The organising community's name. */
  organizer: string
  /** The staff member who confirmed the attendance. */
  recorder: string
  volunteerNo: string
}

/** Shown where a person has no volunteer number yet. */
export const NO_VOLUNTEER_NO = '—'
const CONTENT_LENGTH = 60
/** Far more than a person serves in a lifetime of weekends; bounds the export's reads. */
const MAX_EXPORT_ROWS = 5000
const READ_PAGE = 100

const byIds = async <T extends { _id: string }>(db: Database, collection: string, ids: string[]): Promise<Map<string, T>> => {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const found = await db.collection<T>(collection).where({ _id: db.command.in(unique) }).limit(unique.length).get()
  return new Map(found.data.map((doc) => [doc._id, doc]))
}

function serviceContent(activity: ActivityDoc): string {
  const text = activity.description.trim() || activity.title
  const chars = Array.from(text)
  return chars.length > CONTENT_LENGTH ? `${chars.slice(0, CONTENT_LENGTH).join('')}…` : text
}

async function readRows(db: Database, user: UserDoc, skip: number, limit: number): Promise<{ rows: ServiceRecordRow[]; total: number }> {
  const query = db.collection<EnrollmentDoc>('enrollments').where({ userId: user._id, status: 'confirmed' })
  const [total, page] = await Promise.all([query.count(), query.orderBy('confirmedAt', 'desc').skip(skip).limit(limit).get()])
  const activities = await byIds<ActivityDoc>(db, 'activities', page.data.map((enrollment) => enrollment.activityId))
  const communities = await byIds<CommunityDoc>(db, 'communities', page.data.map((enrollment) => enrollment.communityId))
  const recorders = await byIds<UserDoc>(db, 'users', page.data.map((enrollment) => enrollment.confirmedBy ?? ''))
  const volunteerNo = user.volunteerNo?.trim() || NO_VOLUNTEER_NO
  const rows = page.data.map((enrollment) => {
    const activity = activities.get(enrollment.activityId)
    return {
      id: enrollment._id,
      activityTitle: activity?.title ?? '',
      serviceContent: activity ? serviceContent(activity) : '',
      date: enrollment.checkInAt ?? enrollment.confirmedAt!,
      hours: enrollment.hours ?? 0,
      organizer: communities.get(enrollment.communityId)?.name ?? '',
      recorder: recorders.get(enrollment.confirmedBy ?? '')?.name ?? '',
      volunteerNo,
    }
  })
  return { rows, total: total.total }
}

/** My service records, latest confirmation first. */
export async function serviceRecord(input: z.output<typeof serviceRecordInput>, ctx: ActionContext): Promise<Page<ServiceRecordRow>> {
  const { rows, total } = await readRows(ctx.db, ctx.caller.user!, (input.page - 1) * input.pageSize, input.pageSize)
  return { items: rows, total, page: input.page, pageSize: input.pageSize }
}

export interface ExportedFile {
  fileName: string
  mimeType: string
  base64: string
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const SERVICE_RECORD_COLUMNS = ['姓名', '志愿者编号', '活动名称', '服务内容', '服务日期', '服务时长（小时）', '组织单位（社区）', '记录人'] as const
export const INTERNAL_RECORD_NOTE = '本记录为社区内部记录'

/** My whole service record as an XLSX workbook (exceljs), base64 so it travels in the JSON envelope. */
export async function exportServiceRecord(ctx: ActionContext): Promise<ExportedFile> {
  const user = ctx.caller.user!
  const rows: ServiceRecordRow[] = []
  for (let skip = 0; skip < MAX_EXPORT_ROWS; skip += READ_PAGE) {
    const page = await readRows(ctx.db, user, skip, READ_PAGE)
    rows.push(...page.rows)
    if (page.rows.length < READ_PAGE) break
  }
  // exceljs costs ≈ 0.3 s to load; only the export pays for it, not every cold start of the function.
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '同心社区'
  workbook.created = ctx.now()
  const sheet = workbook.addWorksheet('志愿服务记录')
  const width = SERVICE_RECORD_COLUMNS.length
  sheet.columns = [10, 14, 28, 40, 12, 14, 16, 10].map((columnWidth) => ({ width: columnWidth }))

  sheet.addRow(['志愿服务记录'])
  sheet.mergeCells(1, 1, 1, width)
  sheet.getRow(1).font = { bold: true, size: 14 }
  sheet.addRow([`${INTERNAL_RECORD_NOTE}（导出日期：${chinaDate(ctx.now())}）`])
  sheet.mergeCells(2, 1, 2, width)
  const header = sheet.addRow([...SERVICE_RECORD_COLUMNS])
  header.font = { bold: true }
  for (const row of rows) {
    sheet.addRow([user.name, row.volunteerNo, row.activityTitle, row.serviceContent, chinaDate(row.date), row.hours, row.organizer, row.recorder])
  }
  const totalHours = Math.round(rows.reduce((sum, row) => sum + row.hours, 0) * 100) / 100
  sheet.addRow(['合计', '', '', '', '', totalHours, '', ''])

  const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
  return {
    fileName: `志愿服务记录-${user.name}-${chinaDate(ctx.now()).replace(/-/g, '')}.xlsx`,
    mimeType: XLSX_MIME,
    base64: buffer.toString('base64'),
  }
}
