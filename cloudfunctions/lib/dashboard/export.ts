import type { ActionContext } from '../runtime/action'
import type { Figures } from './figures'
import { buildLedger } from './ledger'
import { buildOverview, type CommitmentFigures, type OverviewInput } from './overview'
import { toPeriod } from './period'

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

type Cell = string | number

/** A column of the 台账: its header names the unit, so a cell holds a bare number. */
interface Column {
  header: string
  value: (figures: Figures) => Cell
}

const percentOf = (rate: number | null): Cell => (rate === null ? '' : Math.round(rate * 1000) / 10)

export const figureColumns: Column[] = [
  { header: '开展活动（场）', value: (f) => f.activitiesHeld },
  { header: '参与人数（人）', value: (f) => f.participants },
  { header: '参与人次（人次）', value: (f) => f.attendances },
  { header: '志愿服务时长（小时）', value: (f) => f.volunteerHours },
  { header: '发放积分（分）', value: (f) => f.pointsIssued },
  { header: '兑换积分（分）', value: (f) => f.pointsRedeemed },
  { header: '心愿发布（个）', value: (f) => f.wishes.posted },
  { header: '心愿认领（个）', value: (f) => f.wishes.claimed },
  { header: '心愿完成（个）', value: (f) => f.wishes.fulfilled },
  { header: '收到意见建议（条）', value: (f) => f.suggestions.received },
  { header: '办结意见建议（条）', value: (f) => f.suggestions.closed },
  { header: '平均响应时长（小时）', value: (f) => f.suggestions.averageResponseHours ?? '' },
  { header: '场地预约（次）', value: (f) => f.bookings },
  { header: '群众评议（条）', value: (f) => f.satisfaction.ratings },
  { header: '满意度（%）', value: (f) => percentOf(f.satisfaction.rate) },
]

const commitmentHeaders = (year: number): string[] => [`${year}年承诺事项（条）`, `${year}年已完成承诺（项）`]
const commitmentCells = (commitments: CommitmentFigures): Cell[] => [commitments.made, commitments.completed]

/**
 * The overview as the 台账 a community hands upward: 数据总览 (one row per
 * community, a 合计 row for a 街道), 月度趋势 (one row per month), and the
 * itemised sheets behind the totals — 活动明细, 心愿明细, 意见建议明细 — one
 * row per record, so every figure can be checked line by line.
 */
export async function exportOverview(input: OverviewInput, ctx: ActionContext): Promise<{ fileName: string; mimeType: string; base64: string }> {
  const overview = await buildOverview(input, ctx)
  const periodName = overview.period.kind === 'year' ? `${overview.period.year}年` : `${overview.period.label.replace('-', '年')}月`
  // exceljs costs ≈ 0.3 s to load; only the export pays for it, not every cold start.
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '同心社区'
  workbook.created = ctx.now()

  const summary = workbook.addWorksheet('数据总览')
  const summaryHeaders = ['社区', ...figureColumns.map((column) => column.header), ...commitmentHeaders(overview.commitments.year)]
  summary.columns = summaryHeaders.map((header, index) => ({ width: index === 0 ? 16 : Math.max(12, header.length * 2) }))
  summary.addRow([`${overview.scope.name}${periodName}社区工作数据台账`])
  summary.mergeCells(1, 1, 1, summaryHeaders.length)
  summary.getRow(1).font = { bold: true, size: 14 }
  summary.addRow([`统计口径：北京时间${periodName}；承诺事项按年度统计；满意度为 4–5 星评价占全部评价的比例。`])
  summary.mergeCells(2, 1, 2, summaryHeaders.length)
  summary.addRow(summaryHeaders).font = { bold: true }
  for (const row of overview.perCommunity) {
    summary.addRow([row.name, ...figureColumns.map((column) => column.value(row.figures)), ...commitmentCells(row.commitments)])
  }
  const total = summary.addRow([
    overview.scope.kind === 'district' ? '合计' : overview.scope.name,
    ...figureColumns.map((column) => column.value(overview.figures)),
    ...commitmentCells(overview.commitments),
  ])
  if (overview.scope.kind === 'district') total.font = { bold: true }

  const trend = workbook.addWorksheet('月度趋势')
  const trendHeaders = ['月份', ...figureColumns.map((column) => column.header)]
  trend.columns = trendHeaders.map((header, index) => ({ width: index === 0 ? 10 : Math.max(12, header.length * 2) }))
  trend.addRow([`${overview.scope.name}${periodName}月度趋势`])
  trend.mergeCells(1, 1, 1, trendHeaders.length)
  trend.getRow(1).font = { bold: true, size: 14 }
  trend.addRow(trendHeaders).font = { bold: true }
  const months = overview.series.length ? overview.series : [{ month: overview.period.label, figures: overview.figures }]
  for (const { month, figures } of months) trend.addRow([month, ...figureColumns.map((column) => column.value(figures))])

  const communities = overview.perCommunity.length
    ? overview.perCommunity.map((row) => ({ id: row.communityId, name: row.name }))
    : [{ id: overview.scope.id, name: overview.scope.name }]
  const ledger = await buildLedger(ctx.db, communities, toPeriod(input.period), ctx.now())
  const itemised = (name: string, headers: string[], widths: number[], rows: Cell[][], total?: Cell[]) => {
    const sheet = workbook.addWorksheet(name)
    sheet.columns = widths.map((width) => ({ width }))
    sheet.addRow([`${overview.scope.name}${periodName}${name}`])
    sheet.mergeCells(1, 1, 1, headers.length)
    sheet.getRow(1).font = { bold: true, size: 14 }
    sheet.addRow(headers).font = { bold: true }
    rows.forEach((row, index) => sheet.addRow([index + 1, ...row]))
    if (total) sheet.addRow(total).font = { bold: true }
  }
  const sumOf = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100
  itemised(
    '活动明细',
    ['序号', '社区', '活动名称', '类型', '时间', '地点', '确认出勤（人次）', '志愿服务时长（小时）', '发放积分（分）'],
    [6, 14, 28, 12, 24, 20, 16, 18, 14],
    ledger.activities.map((line) => [line.community, line.title, line.type, line.time, line.place, line.attendances, line.hours, line.points]),
    // 开展活动 as the overview counts it; the rows also list activities held earlier whose attendance was confirmed in the period.
    ['合计', `${overview.figures.activitiesHeld} 场`, '', '', '', '', sumOf(ledger.activities.map((line) => line.attendances)), sumOf(ledger.activities.map((line) => line.hours)), sumOf(ledger.activities.map((line) => line.points))],
  )
  itemised(
    '心愿明细',
    ['序号', '社区', '心愿', '类别', '状态', '发布日期', '实现日期'],
    [6, 14, 28, 12, 10, 14, 14],
    ledger.wishes.map((line) => [line.community, line.title, line.category, line.status, line.postedOn, line.fulfilledOn]),
  )
  itemised(
    '意见建议明细',
    ['序号', '社区', '标题', '类别', '状态', '提交日期', '办结日期'],
    [6, 14, 28, 14, 10, 14, 14],
    ledger.suggestions.map((line) => [line.community, line.title, line.category, line.status, line.submittedOn, line.closedOn]),
  )

  const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
  return { fileName: `数据台账-${overview.scope.name}-${overview.period.label}.xlsx`, mimeType: XLSX_MIME, base64: buffer.toString('base64') }
}
