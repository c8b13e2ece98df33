/**
 * The printable certificate: one A4 page (more when the items run long),
 * rendered with pdf-lib. The Chinese font is Noto Sans SC from
 * @fontsource/noto-sans-sc (its simplified-Chinese file, which also holds
 * ASCII), embedded as a subset of the glyphs actually drawn, so a
 * certificate weighs tens of kilobytes instead of the font's 1.5 MB. The QR
 * is drawn as vector squares: sharp at any printer resolution.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as z from 'zod'
import type { ActionContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { chinaDate } from '../shared/china-time'
import type { CertificateDoc, CertificateSnapshot } from './model'
import { certificateInput, readableCertificate } from './service'
import { verifyUrl } from './verify-url'
import { woffToSfnt } from './woff'

export const PDF_MIME = 'application/pdf'
const FONT_FILE = '@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff'

/** Deployed, the build copies the font beside the bundle (scripts/build-functions.ts); locally it is read from node_modules. */
const BUNDLED_FONT = 'noto-sans-sc.woff'

let fontBytes: Promise<Buffer> | null = null
/** Read and unpacked (woff.ts says why) once per warm instance. */
const loadFont = (): Promise<Buffer> => {
  const beside = join(__dirname, BUNDLED_FONT)
  return (fontBytes ??= readFile(existsSync(beside) ? beside : require.resolve(FONT_FILE)).then(woffToSfnt))
}

// A4 in PDF points (1/72 in).
const PAGE_WIDTH = 595.28
const PAGE_HEIGHT = 841.89
const MARGIN = 56

export interface PrintedCertificate {
  number: string
  issuedAt: Date
  snapshot: CertificateSnapshot
  period: { from: string; to: string } | null
  verifyUrl: string
}

/** The holder's or staff's copy of an issued certificate as a PDF, base64 like every export. */
export async function pdf(input: z.output<typeof certificateInput>, ctx: ActionContext): Promise<{ fileName: string; mimeType: string; base64: string }> {
  const certificate = await readableCertificate(input.certificateId, ctx)
  const printable = printableOf(certificate)
  const bytes = await renderCertificatePdf(printable)
  return {
    fileName: `志愿服务记录证明-${printable.snapshot.name}-${printable.number}.pdf`,
    mimeType: PDF_MIME,
    base64: Buffer.from(bytes).toString('base64'),
  }
}

function printableOf(certificate: CertificateDoc): PrintedCertificate {
  // A request has nothing to print yet; a revoked certificate must not be printed again as if valid.
  if (certificate.status !== 'issued' || !certificate.number || !certificate.snapshot || !certificate.issuedAt) {
    throw new AppError('INVALID_STATE', certificate.status === 'revoked' ? '该证明已撤销，不能再打印' : '证明尚未出具')
  }
  return { number: certificate.number, issuedAt: certificate.issuedAt, snapshot: certificate.snapshot, period: certificate.period, verifyUrl: verifyUrl(certificate.number) }
}

const chineseDate = (day: string): string => {
  const [year, month, date] = day.split('-')
  return `${year}年${Number(month)}月${Number(date)}日`
}

const hoursText = (hours: number): string => `${Number.isInteger(hours) ? hours : hours.toFixed(2).replace(/0$/, '')}`

export async function renderCertificatePdf(certificate: PrintedCertificate): Promise<Uint8Array> {
  // pdf-lib, fontkit and qrcode load on the first certificate only, not on every cold start of the function.
  const [{ PDFDocument, rgb }, { default: fontkit }, { default: qrcode }, font] = await Promise.all([
    import('pdf-lib'),
    import('@pdf-lib/fontkit'),
    import('qrcode-generator'),
    loadFont(),
  ])
  const doc = await PDFDocument.create()
  doc.registerFontkit(fontkit)
  doc.setTitle(`志愿服务记录证明 ${certificate.number}`)
  doc.setAuthor(certificate.snapshot.issuer)
  doc.setCreator('同心社区')
  doc.setCreationDate(certificate.issuedAt)
  const cjk = await doc.embedFont(font, { subset: true })
  const ink = rgb(0.12, 0.12, 0.12)
  const muted = rgb(0.4, 0.4, 0.4)
  const line = rgb(0.75, 0.75, 0.75)
  const { snapshot } = certificate

  let page = doc.addPage([PAGE_WIDTH, PAGE_HEIGHT])
  let y = PAGE_HEIGHT - MARGIN

  const draw = (text: string, x: number, size: number, color = ink) => page.drawText(text, { x, y, size, font: cjk, color })
  const width = (text: string, size: number) => cjk.widthOfTextAtSize(text, size)
  /** Breaks text into lines no wider than `max`, character by character (Chinese has no spaces to break at). */
  const wrap = (text: string, size: number, max: number): string[] => {
    const lines: string[] = []
    let current = ''
    for (const char of Array.from(text)) {
      if (current && width(current + char, size) > max) {
        lines.push(current)
        current = ''
      }
      current += char
    }
    if (current) lines.push(current)
    return lines
  }

  const title = '志愿服务记录证明'
  draw(title, (PAGE_WIDTH - width(title, 24)) / 2, 24)
  y -= 26
  const numberLine = `证明编号：${certificate.number}`
  draw(numberLine, (PAGE_WIDTH - width(numberLine, 10)) / 2, 10, muted)
  y -= 36

  const holder = snapshot.idNumberMasked ? `${snapshot.name}（居民身份证号码：${snapshot.idNumberMasked}）` : snapshot.name
  const span = certificate.period ? `于${chineseDate(certificate.period.from)}至${chineseDate(certificate.period.to)}期间` : ''
  const statement = `兹证明 ${holder}${snapshot.volunteerNo ? `（志愿者编号：${snapshot.volunteerNo}）` : ''}${span}在${snapshot.issuer}参加志愿服务，经本单位记录，累计服务时长 ${hoursText(snapshot.totalHours)} 小时，服务记录如下：`
  for (const text of wrap(statement, 13, PAGE_WIDTH - 2 * MARGIN)) {
    draw(text, MARGIN, 13)
    y -= 22
  }
  y -= 8

  // The items: 序号 · 服务项目 · 服务日期 · 时长（小时）.
  const columns = [MARGIN, MARGIN + 36, PAGE_WIDTH - MARGIN - 170, PAGE_WIDTH - MARGIN - 60]
  const titleWidth = columns[2] - columns[1] - 10
  const header = () => {
    draw('序号', columns[0], 11, muted)
    draw('服务项目', columns[1], 11, muted)
    draw('服务日期', columns[2], 11, muted)
    draw('时长（小时）', columns[3], 11, muted)
    y -= 6
    page.drawLine({ start: { x: MARGIN, y }, end: { x: PAGE_WIDTH - MARGIN, y }, thickness: 0.6, color: line })
    y -= 16
  }
  header()
  snapshot.items.forEach((item, index) => {
    const titleLines = wrap(item.activityTitle, 11, titleWidth)
    if (y - titleLines.length * 15 < MARGIN + 170) {
      page = doc.addPage([PAGE_WIDTH, PAGE_HEIGHT])
      y = PAGE_HEIGHT - MARGIN
      header()
    }
    draw(String(index + 1), columns[0], 11)
    draw(item.date, columns[2], 11)
    draw(hoursText(item.hours), columns[3], 11)
    for (const text of titleLines) {
      draw(text, columns[1], 11)
      y -= 15
    }
    y -= 3
  })
  page.drawLine({ start: { x: MARGIN, y: y + 8 }, end: { x: PAGE_WIDTH - MARGIN, y: y + 8 }, thickness: 0.6, color: line })
  y -= 8
  draw(`合计：${snapshot.items.length} 次，${hoursText(snapshot.totalHours)} 小时`, columns[1], 12)

  // The foot of the last page: issuer and date on the right, the QR on the left.
  const qrSize = 96
  const footTop = MARGIN + qrSize + 40
  y = Math.min(y - 40, footTop)
  draw(`出具单位：${snapshot.issuer}`, PAGE_WIDTH - MARGIN - 220, 13)
  y -= 24
  draw(`出具日期：${chineseDate(chinaDate(certificate.issuedAt))}`, PAGE_WIDTH - MARGIN - 220, 13)

  const qr = qrcode(0, 'M')
  qr.addData(certificate.verifyUrl)
  qr.make()
  const modules = qr.getModuleCount()
  const cell = qrSize / modules
  const qrX = MARGIN
  const qrY = MARGIN + 30
  for (let row = 0; row < modules; row += 1) {
    for (let col = 0; col < modules; col += 1) {
      // PDF's y runs upwards; the QR's rows run downwards.
      if (qr.isDark(row, col)) page.drawRectangle({ x: qrX + col * cell, y: qrY + qrSize - (row + 1) * cell, width: cell, height: cell, color: rgb(0, 0, 0) })
    }
  }
  y = MARGIN + 14
  draw('扫码核验本证明真伪，或在“同心社区”证明核验页输入证明编号', MARGIN, 9, muted)
  y -= 13
  draw('本证明依据《志愿服务记录与证明出具办法（试行）》出具，证件号码已作脱敏处理。', MARGIN, 9, muted)

  return doc.save()
}
