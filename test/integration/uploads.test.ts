import { startTestServer, type TestServer } from '../helpers/server'

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

describe('local photo uploads', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ seed: false })
  })
  afterAll(() => server.stop())

  const upload = (body: Buffer, contentType: string, token: string | null) =>
    fetch(`${server.url}/api/_upload`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: new Uint8Array(body),
    })

  it('should store an image and serve it back under the returned file id', async () => {
    const resident = await server.as('demo-resident')
    const response = await upload(PNG, 'image/png', resident.token)
    const body = (await response.json()) as { ok: boolean; data: { fileId: string } }
    expect(body.ok).toBe(true)
    expect(body.data.fileId).toMatch(/^\/uploads\/[0-9a-f]{32}\.png$/)
    const served = await fetch(`${server.url}${body.data.fileId}`)
    expect(served.status).toBe(200)
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true)
  })

  it('should refuse an upload without identity', async () => {
    const response = await upload(PNG, 'image/png', null)
    expect(response.status).toBe(401)
  })

  it('should refuse bytes that are not an image whatever the header says', async () => {
    const resident = await server.as('demo-resident')
    const response = await upload(Buffer.from('<script>alert(1)</script>'), 'image/png', resident.token)
    expect(response.status).toBe(400)
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED')
  })

  it('should refuse an image over 5 MB with 413 PAYLOAD_TOO_LARGE the app can show', async () => {
    const resident = await server.as('demo-resident')
    const huge = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)])
    const response = await upload(huge, 'image/png', resident.token)
    expect(response.status).toBe(413)
    expect(await response.json()).toEqual({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: '图片太大，请选择 5 MB 以内的图片' } })
  })
})
