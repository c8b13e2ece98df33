import {
  CHECKIN_CODE_GRACE_MS,
  CHECKIN_CODE_PERIOD_MS,
  checkinCode,
  codeFromInput,
  verifyCheckinCode,
} from '../../../cloudfunctions/lib/activities/checkin-code'

describe('rotating check-in codes', () => {
  const key = 'test-signing-key'
  /** The start of a 30-second window, so offsets inside it are exact. */
  const windowStart = new Date(Math.floor(Date.UTC(2026, 10, 23, 1, 0, 0) / CHECKIN_CODE_PERIOD_MS) * CHECKIN_CODE_PERIOD_MS)
  const at = (ms: number) => new Date(windowStart.getTime() + ms)

  it('should give six digits, a QR payload naming the activity, and the end of the window', () => {
    const shown = checkinCode(key, 'a-cleanup', at(12_000))
    expect(shown.code).toMatch(/^\d{6}$/)
    expect(shown.qrPayload).toBe(`tongxin:checkin:a-cleanup:${shown.code}`)
    expect(shown.expiresAt).toEqual(at(CHECKIN_CODE_PERIOD_MS))
    expect(shown.periodSeconds).toBe(30)
  })

  it('should accept a valid code throughout its window', () => {
    const { code } = checkinCode(key, 'a-cleanup', at(0))
    for (const offset of [0, 1_000, 15_000, CHECKIN_CODE_PERIOD_MS - 1]) {
      expect(verifyCheckinCode(key, 'a-cleanup', code, at(offset))).toBe(true)
    }
  })

  it('should change the code every 30 seconds and keep it within a window', () => {
    const codes = Array.from({ length: 20 }, (_, index) => checkinCode(key, 'a-cleanup', at(index * CHECKIN_CODE_PERIOD_MS)).code)
    expect(new Set(codes).size).toBeGreaterThanOrEqual(19)
    for (let index = 1; index < codes.length; index += 1) expect(codes[index]).not.toBe(codes[index - 1])
    expect(checkinCode(key, 'a-cleanup', at(29_999)).code).toBe(codes[0])
  })

  it('should accept a code until the grace after its window ends, and not a moment longer', () => {
    const { code } = checkinCode(key, 'a-cleanup', at(0))
    expect(verifyCheckinCode(key, 'a-cleanup', code, at(CHECKIN_CODE_PERIOD_MS + CHECKIN_CODE_GRACE_MS - 1))).toBe(true)
    expect(verifyCheckinCode(key, 'a-cleanup', code, at(CHECKIN_CODE_PERIOD_MS + CHECKIN_CODE_GRACE_MS))).toBe(false)
  })

  it('should leave a slow typist at least 90 seconds after the code was last on screen', () => {
    expect(CHECKIN_CODE_GRACE_MS).toBeGreaterThanOrEqual(90_000)
    // Read with 2 s left in its window, typed in 8 s, sent over a slow link: up to 90 s after it left the screen.
    const { code } = checkinCode(key, 'a-cleanup', at(CHECKIN_CODE_PERIOD_MS - 2_000))
    for (const later of [8_000, 30_000, 60_000, 89_999]) {
      expect(verifyCheckinCode(key, 'a-cleanup', code, at(CHECKIN_CODE_PERIOD_MS + later))).toBe(true)
    }
    // A code shown at the very start of its window, typed within 90 s of first appearing.
    const early = checkinCode(key, 'a-cleanup', at(0)).code
    expect(verifyCheckinCode(key, 'a-cleanup', early, at(90_000))).toBe(true)
  })

  it('should refuse an expired code', () => {
    const { code } = checkinCode(key, 'a-cleanup', at(0))
    expect(verifyCheckinCode(key, 'a-cleanup', code, at(CHECKIN_CODE_PERIOD_MS + CHECKIN_CODE_GRACE_MS + 1_000))).toBe(false)
    expect(verifyCheckinCode(key, 'a-cleanup', code, at(5 * 60 * 1000))).toBe(false)
    expect(verifyCheckinCode(key, 'a-cleanup', code, at(60 * 60 * 1000))).toBe(false)
  })

  it('should refuse a code from the future: a code is not valid before its window', () => {
    const { code } = checkinCode(key, 'a-cleanup', at(CHECKIN_CODE_PERIOD_MS))
    expect(verifyCheckinCode(key, 'a-cleanup', code, at(CHECKIN_CODE_PERIOD_MS - 1))).toBe(false)
  })

  it("should refuse another activity's code", () => {
    const other = checkinCode(key, 'a-party-day', at(0)).code
    const own = checkinCode(key, 'a-cleanup', at(0)).code
    expect(other).not.toBe(own)
    expect(verifyCheckinCode(key, 'a-cleanup', other, at(0))).toBe(false)
  })

  it('should refuse a code made with another key, so it cannot be forged without the signing key', () => {
    const forged = checkinCode('guessed-key', 'a-cleanup', at(0)).code
    expect(forged).not.toBe(checkinCode(key, 'a-cleanup', at(0)).code)
    expect(verifyCheckinCode(key, 'a-cleanup', forged, at(0))).toBe(false)
  })

  it('should refuse malformed codes', () => {
    for (const code of ['', '12345', '1234567', 'abcdef', ' 123456']) expect(verifyCheckinCode(key, 'a-cleanup', code, at(0))).toBe(false)
  })

  it('should read the digits from typed input or from this activity’s QR payload only', () => {
    expect(codeFromInput('a-cleanup', ' 123456 ')).toBe('123456')
    expect(codeFromInput('a-cleanup', 'tongxin:checkin:a-cleanup:654321')).toBe('654321')
    expect(codeFromInput('a-cleanup', 'tongxin:checkin:a-party-day:654321')).toBeNull()
    expect(codeFromInput('a-cleanup', 'tongxin:pickup:c-xingfu:654321')).toBeNull()
  })
})
