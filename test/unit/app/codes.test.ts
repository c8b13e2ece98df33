import { digitsOnly, isSixDigits, parseScanned } from '@/utils/codes'

describe('digitsOnly', () => {
  it('should keep at most six digits and drop everything else', () => {
    expect(digitsOnly(' 12-34 5678')).toBe('123456')
    expect(digitsOnly('abc')).toBe('')
  })
})

describe('isSixDigits', () => {
  it('should accept exactly six digits', () => {
    expect(isSixDigits('012345')).toBe(true)
    expect(isSixDigits('12345')).toBe(false)
    expect(isSixDigits('1234567')).toBe(false)
    expect(isSixDigits('12345a')).toBe(false)
  })
})

describe('parseScanned', () => {
  it('should read the activity and code from a check-in payload', () => {
    expect(parseScanned('checkin', 'tongxin:checkin:a-party-day:042917', 'a-party-day')).toEqual({ ok: true, scopeId: 'a-party-day', code: '042917' })
  })

  it('should keep ids that contain a colon whole', () => {
    expect(parseScanned('pickup', 'tongxin:pickup:c:xingfu:123456')).toEqual({ ok: true, scopeId: 'c:xingfu', code: '123456' })
  })

  it('should refuse a code for another activity', () => {
    expect(parseScanned('checkin', 'tongxin:checkin:a-other:123456', 'a-party-day')).toEqual({ ok: false, reason: 'other-scope' })
  })

  it('should refuse a pick-up code where a check-in code is expected', () => {
    expect(parseScanned('checkin', 'tongxin:pickup:c-xingfu:123456')).toEqual({ ok: false, reason: 'not-ours' })
  })

  it('should refuse foreign and malformed payloads', () => {
    expect(parseScanned('checkin', 'https://example.com/123456')).toEqual({ ok: false, reason: 'not-ours' })
    expect(parseScanned('checkin', 'tongxin:checkin:123456')).toEqual({ ok: false, reason: 'not-ours' })
    expect(parseScanned('checkin', 'tongxin:checkin:a-party-day:12345')).toEqual({ ok: false, reason: 'not-ours' })
  })
})
