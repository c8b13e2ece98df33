import { ApiError, newRequestId, unwrapEnvelope } from '@/api/envelope'

function thrown(run: () => unknown): ApiError {
  try {
    run()
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  throw new Error('expected an ApiError')
}

describe('unwrapEnvelope', () => {
  it('should return data of an ok envelope', () => {
    expect(unwrapEnvelope({ ok: true, data: { user: null, roles: [] } })).toEqual({ user: null, roles: [] })
  })

  it('should return null data as is', () => {
    expect(unwrapEnvelope({ ok: true, data: null })).toBeNull()
  })

  it('should throw ApiError with the code, message and details of an error envelope', () => {
    const error = thrown(() =>
      unwrapEnvelope({ ok: false, error: { code: 'QUOTA_FULL', message: '名额已满', details: { quota: 30 } } }),
    )
    expect(error).toBeInstanceOf(Error)
    expect(error.code).toBe('QUOTA_FULL')
    expect(error.message).toBe('名额已满')
    expect(error.details).toEqual({ quota: 30 })
  })

  it.each([
    ['nothing', undefined],
    ['null (an unparsable JSON body)', null],
    ['an HTML page from a gateway', '<html>502 Bad Gateway</html>'],
    ['an ok envelope without data', { ok: true }],
    ['an error envelope without an error', { ok: false }],
    ['an error without a message', { ok: false, error: { code: 'INTERNAL' } }],
    ['a non-boolean ok', { ok: 'true', data: 1 }],
  ])('should throw BAD_RESPONSE for %s', (_label, body) => {
    const error = thrown(() => unwrapEnvelope(body))
    expect(error.code).toBe('BAD_RESPONSE')
    expect(error.message).toMatch(/服务器/)
    expect(error.details).toBe(body)
  })
})

describe('newRequestId', () => {
  it('should differ between calls', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newRequestId()))
    expect(ids.size).toBe(1000)
  })

  it('should fit the runtime envelope (1–128 characters)', () => {
    const id = newRequestId(() => 0.999999, () => 8.64e15)
    expect(id.length).toBeGreaterThan(0)
    expect(id.length).toBeLessThanOrEqual(128)
    expect(id).toMatch(/^[0-9a-z]+-[0-9a-f]{16}$/)
  })
})
