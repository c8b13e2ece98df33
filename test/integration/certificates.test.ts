import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import ExcelJS from 'exceljs'
import { NUMBER_ALPHABET, newCertificateNumber } from '../../cloudfunctions/lib/certificates/number'
import { codeOf, startTestServer, type Client, type TestServer } from '../helpers/server'

const run = promisify(execFile)

/** The text of a PDF as pdfjs-dist reads it, in a child node (pdfjs is ESM only). */
async function pdfText(base64: string): Promise<{ pages: number; text: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'tongxin-pdf-'))
  try {
    const file = join(dir, 'certificate.pdf')
    writeFileSync(file, Buffer.from(base64, 'base64'))
    const { stdout } = await run(process.execPath, [join(__dirname, '../helpers/pdf-text.mjs'), file], { timeout: 60_000 })
    return JSON.parse(stdout) as { pages: number; text: string }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const ID_NUMBER = '11010519491231002X'
const VERIFY_KEYS = ['issuedAt', 'issuer', 'maskedName', 'number', 'status', 'totalHours']

describe('志愿服务记录证明 over the real local server', () => {
  let server: TestServer
  let volunteer: Client
  let staff: Client
  let resident: Client
  let otherStaff: Client

  /** A confirmed attendance of the test volunteer, on a fixed Beijing day. */
  const serve = async (activityId: string, title: string, day: string, hours: number, communityId = 'c-xingfu') => {
    const at = new Date(`${day}T09:00:00+08:00`)
    await server.db.collection('activities').add({ _id: activityId, communityId, title, description: '', startAt: at, endAt: at, createdAt: at, updatedAt: at })
    await server.db.collection('enrollments').add({ _id: `${activityId}:u-cert`, activityId, communityId, userId: 'u-cert', teamId: null, status: 'confirmed', checkInAt: at, checkOutAt: at, attendanceSource: 'manual', hours, points: 0, confirmedBy: 'u-staff', confirmedAt: at, createdAt: at, updatedAt: at })
  }

  beforeAll(async () => {
    server = await startTestServer()
    const now = new Date()
    await server.db.collection('users').add({ _id: 'u-cert', openid: 'openid-cert', name: '陈晓红', phone: '13600000000', communityId: 'c-xingfu', building: '3号楼', createdAt: now, updatedAt: now })
    await serve('a-cert-1', '关爱独居老人上门陪伴', '2025-03-08', 2.5)
    await serve('a-cert-2', '垃圾分类宣传', '2025-04-12', 3)
    await serve('a-cert-3', '社区环境清洁', '2025-09-20', 1.75)
    volunteer = await server.as('openid-cert')
    staff = await server.as('demo-staff')
    resident = await server.as('demo-resident')
    otherStaff = await server.as('demo-staff-hexie')
  }, 30_000)
  afterAll(() => server.stop())

  it('should keep an entered ID number but answer it only masked, and refuse one whose check character is wrong', async () => {
    expect(codeOf(await volunteer.call('users', 'updateProfile', { idNumber: '110105194912310021' }))).toBe('VALIDATION_FAILED')
    const me = await volunteer.ok('users', 'updateProfile', { idNumber: ID_NUMBER.toLowerCase() })
    expect(me.user.idNumberMasked).toBe('110***********002X')
    expect(JSON.stringify(me)).not.toContain(ID_NUMBER)
  })

  it('should issue a requested certificate and verify it as valid with only the documented fields', async () => {
    const requested = await volunteer.ok('certificates', 'request', { note: '单位评优需要' })
    expect(requested).toMatchObject({ status: 'requested', number: null, name: '陈晓红' })
    expect(codeOf(await volunteer.call('certificates', 'request', {}))).toBe('ALREADY_EXISTS')

    const issued = await staff.ok('certificates', 'issue', { certificateId: requested.id })
    expect(issued).toMatchObject({ status: 'issued', issuer: '幸福社区', idNumberMasked: '110***********002X', totalHours: 7.25 })
    expect(issued.number).toMatch(new RegExp(`^TX-\\d{4}-[${NUMBER_ALPHABET}]{9}$`))
    expect(issued.items.map((item: any) => [item.activityTitle, item.date, item.hours])).toEqual([
      ['关爱独居老人上门陪伴', '2025-03-08', 2.5],
      ['垃圾分类宣传', '2025-04-12', 3],
      ['社区环境清洁', '2025-09-20', 1.75],
    ])
    expect(issued.verifyUrl).toContain(encodeURIComponent(issued.number))
    // A second 出具 on the same request answers the same certificate, not a second number.
    expect((await staff.ok('certificates', 'issue', { certificateId: requested.id })).number).toBe(issued.number)

    const verified = await server.anonymous.ok('certificates', 'verify', { number: issued.number })
    expect(Object.keys(verified).sort()).toEqual(VERIFY_KEYS)
    expect(verified).toMatchObject({ number: issued.number, maskedName: '陈*红', totalHours: 7.25, issuer: '幸福社区', status: 'valid' })
    const body = JSON.stringify(verified)
    for (const secret of [ID_NUMBER, '002X', '13600000000', 'u-cert', requested.id, '陈晓红', '3号楼']) expect(body).not.toContain(secret)
    // Typed by a person: lower case and spaces still find it.
    expect((await server.anonymous.ok('certificates', 'verify', { number: ` ${issued.number.toLowerCase()} ` })).status).toBe('valid')
  })

  it('should certify only the asked period when staff issue unasked', async () => {
    const issued = await staff.ok('certificates', 'issue', { communityId: 'c-xingfu', userId: 'u-cert', from: '2025-04-01', to: '2025-12-31' })
    expect(issued.items.map((item: any) => item.date)).toEqual(['2025-04-12', '2025-09-20'])
    expect(issued.totalHours).toBe(4.75)
    expect(issued.period).toEqual({ from: '2025-04-01', to: '2025-12-31' })
    expect(codeOf(await staff.call('certificates', 'issue', { communityId: 'c-xingfu', userId: 'u-cert', from: '2024-01-01', to: '2024-12-31' }))).toBe('INVALID_STATE')
    expect(codeOf(await staff.call('certificates', 'issue', { communityId: 'c-xingfu', userId: 'u-cert', from: '2025-12-31', to: '2025-01-01' }))).toBe('VALIDATION_FAILED')
  })

  it('should say a revoked certificate is revoked, and since when, and no longer print it', async () => {
    const issued = await staff.ok('certificates', 'issue', { communityId: 'c-xingfu', userId: 'u-cert' })
    expect(codeOf(await staff.call('certificates', 'revoke', { certificateId: issued.id, reason: '' }))).toBe('VALIDATION_FAILED')
    const revoked = await staff.ok('certificates', 'revoke', { certificateId: issued.id, reason: '服务时长登记有误，重新出具' })
    expect(revoked.status).toBe('revoked')
    const verified = await server.anonymous.ok('certificates', 'verify', { number: issued.number })
    expect(Object.keys(verified).sort()).toEqual([...VERIFY_KEYS, 'revokedAt'].sort())
    expect(verified).toMatchObject({ number: issued.number, status: 'revoked' })
    expect(Number.isNaN(Date.parse(verified.revokedAt))).toBe(false)
    expect(codeOf(await volunteer.call('certificates', 'pdf', { certificateId: issued.id }))).toBe('INVALID_STATE')
    expect(codeOf(await staff.call('certificates', 'revoke', { certificateId: issued.id, reason: '再撤一次' }))).toBe('OK')
    const audit = await server.db.collection('audit').where({ targetId: issued.id, kind: 'certificate_revoked' }).count()
    expect(audit.total).toBe(1)
  })

  it('should answer a forged, mistyped, unknown or never-issued number with one and the same NOT_FOUND', async () => {
    const issued = await staff.ok('certificates', 'issue', { communityId: 'c-xingfu', userId: 'u-cert' })
    const last = issued.number.slice(-1)
    const mistyped = issued.number.slice(0, -1) + NUMBER_ALPHABET[(NUMBER_ALPHABET.indexOf(last) + 1) % NUMBER_ALPHABET.length]
    const request = await (await server.as('demo-member')).ok('certificates', 'request', {})
    const answers = await Promise.all(
      [mistyped, newCertificateNumber(2026), 'TX-2026-AAAAAAAAA', 'hello', '', request.id].map((number) => server.anonymous.call('certificates', 'verify', { number })),
    )
    for (const answer of answers) expect(answer).toEqual(answers[0])
    expect(codeOf(answers[0])).toBe('NOT_FOUND')
  })

  it('should let only staff of the certificate\'s community issue, reject or revoke', async () => {
    const request = await resident.call('certificates', 'request', {})
    // The demo resident has no confirmed service: nothing to certify.
    expect(codeOf(request)).toBe('INVALID_STATE')
    const { items } = await staff.ok('certificates', 'list', { communityId: 'c-xingfu', status: 'requested' })
    const pending = items[0]
    expect(pending).toBeDefined()
    const issuedOne = (await staff.ok('certificates', 'list', { communityId: 'c-xingfu', status: 'issued' })).items[0]

    expect(codeOf(await resident.call('certificates', 'issue', { certificateId: pending.id }))).toBe('FORBIDDEN')
    expect(codeOf(await resident.call('certificates', 'issue', { communityId: 'c-xingfu', userId: 'u-cert' }))).toBe('FORBIDDEN')
    expect(codeOf(await resident.call('certificates', 'revoke', { certificateId: issuedOne.id, reason: '不该让我撤销' }))).toBe('FORBIDDEN')
    expect(codeOf(await volunteer.call('certificates', 'revoke', { certificateId: issuedOne.id, reason: '自己撤自己' }))).toBe('FORBIDDEN')
    expect(codeOf(await otherStaff.call('certificates', 'issue', { certificateId: pending.id }))).toBe('FORBIDDEN')
    expect(codeOf(await otherStaff.call('certificates', 'issue', { communityId: 'c-xingfu', userId: 'u-cert' }))).toBe('FORBIDDEN')
    expect(codeOf(await otherStaff.call('certificates', 'revoke', { certificateId: issuedOne.id, reason: '别的社区' }))).toBe('FORBIDDEN')
    expect(codeOf(await otherStaff.call('certificates', 'list', { communityId: 'c-xingfu' }))).toBe('FORBIDDEN')
    expect(codeOf(await resident.call('certificates', 'pdf', { certificateId: issuedOne.id }))).toBe('FORBIDDEN')
    expect(codeOf(await server.anonymous.call('certificates', 'issue', { certificateId: pending.id }))).toBe('UNAUTHENTICATED')

    const rejected = await staff.ok('certificates', 'reject', { certificateId: pending.id, reason: '请先补录服务记录' })
    expect(rejected).toMatchObject({ status: 'rejected', reason: '请先补录服务记录' })
    expect(codeOf(await staff.call('certificates', 'issue', { certificateId: pending.id }))).toBe('INVALID_STATE')
  })

  it('should print an A4 PDF whose Chinese text reads back, with the font subset', async () => {
    const issued = await staff.ok('certificates', 'issue', { communityId: 'c-xingfu', userId: 'u-cert' })
    const file = await volunteer.ok('certificates', 'pdf', { certificateId: issued.id })
    expect(file.mimeType).toBe('application/pdf')
    expect(file.fileName).toBe(`志愿服务记录证明-陈晓红-${issued.number}.pdf`)
    const bytes = Buffer.from(file.base64, 'base64')
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    // The font file is 1.5 MB; only the glyphs drawn are embedded.
    expect(bytes.length).toBeLessThan(300 * 1024)
    const { text } = await pdfText(file.base64)
    for (const expected of ['志愿服务记录证明', '陈晓红', '幸福社区', issued.number, '110***********002X', '关爱独居老人上门陪伴', '7.25']) expect(text).toContain(expected)
    expect(text).not.toContain(ID_NUMBER)
    // Staff of the community print it too.
    expect(codeOf(await staff.call('certificates', 'pdf', { certificateId: issued.id }))).toBe('OK')
  }, 60_000)

  it('should export the national system\'s import columns for staff, with the full ID number as text', async () => {
    expect(codeOf(await resident.call('certificates', 'exportNational', { communityId: 'c-xingfu', year: 2025 }))).toBe('FORBIDDEN')
    expect(codeOf(await otherStaff.call('certificates', 'exportNational', { communityId: 'c-xingfu', year: 2025 }))).toBe('FORBIDDEN')
    const file = await staff.ok('certificates', 'exportNational', { communityId: 'c-xingfu', year: 2025 })
    expect(file.rows).toBe(3)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['姓名', '证件类型', '证件号码', '志愿者编号', '服务项目', '服务日期', '服务时长（小时）', '记录单位', '备注'])
    expect((sheet.getRow(2).values as unknown[]).slice(1, 9)).toEqual(['陈晓红', '居民身份证', ID_NUMBER, '', '关爱独居老人上门陪伴', '2025-03-08', 2.5, '幸福社区'])
  })
})
