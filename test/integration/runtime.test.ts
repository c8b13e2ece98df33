import { rmSync } from 'node:fs'
import { countAll, startTestServer, type TestServer } from '../helpers/server'

const collections = ['users', 'roles', 'audit', 'communities']

describe('function runtime over HTTP', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.stop())

  it('should answer a call without identity with UNAUTHENTICATED and change nothing', async () => {
    const before = await countAll(server, collections)
    const response = await server.anonymous.call('users', 'register', { name: '张三', phone: '13912345678', communityId: 'c-xingfu' })
    expect(response).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } })
    expect(await countAll(server, collections)).toEqual(before)
  })

  it('should refuse a forged token as if there were none', async () => {
    const resident = await server.as('demo-resident')
    const forged = `${resident.token!.split('.').slice(0, 2).join('.')}.AAAA`
    const response = await server.anonymous.raw('users', JSON.stringify({ action: 'me' }), { authorization: `Bearer ${forged}` })
    expect(response.status).toBe(401)
    expect(response.body.error.code).toBe('UNAUTHENTICATED')
  })

  it('should answer an unknown action with UNKNOWN_ACTION', async () => {
    const resident = await server.as('demo-resident')
    const response = await resident.call('users', 'dropEverything', {})
    expect(response.ok).toBe(false)
    expect(!response.ok && response.error.code).toBe('UNKNOWN_ACTION')
  })

  it('should not treat inherited object keys as actions', async () => {
    const resident = await server.as('demo-resident')
    for (const action of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const response = await resident.call('users', action, {})
      expect(!response.ok && response.error.code).toBe('UNKNOWN_ACTION')
    }
  })

  it('should answer an unknown function with UNKNOWN_ACTION and 404', async () => {
    const response = await server.anonymous.raw('nothing', JSON.stringify({ action: 'x' }))
    expect(response.status).toBe(404)
    expect(response.body.error.code).toBe('UNKNOWN_ACTION')
  })

  it('should answer malformed JSON with VALIDATION_FAILED and no stack', async () => {
    const response = await server.anonymous.raw('users', '{"action": "me",')
    expect(response.status).toBe(400)
    expect(response.body).toEqual({ ok: false, error: { code: 'VALIDATION_FAILED', message: '请求格式不正确' } })
  })

  it.each([
    ['a body that is not an object', '"hello"'],
    ['an envelope with extra keys', JSON.stringify({ action: 'me', data: {}, sneaky: true })],
    ['an action that is not a string', JSON.stringify({ action: 42 })],
    ['data that is an array', JSON.stringify({ action: 'me', data: [] })],
  ])('should answer %s with VALIDATION_FAILED', async (_name, body) => {
    const resident = await server.as('demo-resident')
    const response = await resident.raw('users', body)
    expect(response.body.ok).toBe(false)
    expect(response.body.error.code).toBe('VALIDATION_FAILED')
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts:\d+/)
  })

  it('should refuse identity smuggled in the request body', async () => {
    const newcomer = await server.as('demo-newcomer')
    const response = await newcomer.call('users', 'me', { openid: 'demo-staff' })
    expect(!response.ok && response.error.code).toBe('VALIDATION_FAILED')
    const me = await newcomer.ok('users', 'me', {})
    expect(me.user).toBeNull()
  })

  it('should echo no requestId but accept one', async () => {
    const resident = await server.as('demo-resident')
    const response = await resident.call('users', 'me', {}, { requestId: 'req-123' })
    expect(response.ok).toBe(true)
  })
})

describe('dev login', () => {
  it('should be refused when NODE_ENV is production', async () => {
    const previous = process.env.NODE_ENV
    process.env.NODE_ENV = 'production'
    const server = await startTestServer({ seed: false })
    try {
      const response = await fetch(`${server.url}/api/_dev/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ openid: 'demo-staff' }),
      })
      expect(response.status).toBe(403)
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN')
    } finally {
      process.env.NODE_ENV = previous
      await server.stop()
    }
  })

  it('should keep data across a restart on the same DATA_DIR', async () => {
    const first = await startTestServer()
    const dataDir = first.dataDir
    const newcomer = await first.as('demo-newcomer')
    await newcomer.ok('users', 'register', { name: '周新', phone: '13911112222', communityId: 'c-hexie' })
    await first.close()

    const second = await startTestServer({ dataDir })
    try {
      const again = await second.as('demo-newcomer')
      const me = await again.ok('users', 'me', {})
      expect(me.user.name).toBe('周新')
      expect(me.community.name).toBe('和谐社区')
      expect((await second.db.collection('districts').count()).total).toBe(1)
    } finally {
      await second.stop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
