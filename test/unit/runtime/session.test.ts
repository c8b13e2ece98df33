import { sessionKeys } from '../../../cloudfunctions/lib/runtime/local/session'

describe('local dev sessions', () => {
  const keys = sessionKeys(Buffer.alloc(32, 7))

  it('should round-trip an openid through a token', () => {
    expect(keys.verify(keys.issue('demo-staff'))).toBe('demo-staff')
  })

  it('should refuse a token whose openid was swapped', () => {
    const token = keys.issue('demo-resident')
    const [, expires, signature] = token.split('.')
    const swapped = `${Buffer.from('demo-staff').toString('base64url')}.${expires}.${signature}`
    expect(keys.verify(swapped)).toBeNull()
  })

  it('should refuse a token signed with another secret', () => {
    const other = sessionKeys(Buffer.alloc(32, 8))
    expect(keys.verify(other.issue('demo-staff'))).toBeNull()
  })

  it('should refuse an expired token', () => {
    const issuedLongAgo = keys.issue('demo-staff', Date.now() - 31 * 24 * 3600 * 1000)
    expect(keys.verify(issuedLongAgo)).toBeNull()
  })

  it.each(['', 'a.b', 'a.b.c.d', '..', 'not-a-token'])('should refuse the malformed token %p', (token) => {
    expect(keys.verify(token)).toBeNull()
  })
})
