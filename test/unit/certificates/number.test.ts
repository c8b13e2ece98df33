import { NUMBER_ALPHABET, checkCharacter, newCertificateNumber, normalizeNumber } from '../../../cloudfunctions/lib/certificates/number'
import { maskIdNumber } from '../../../cloudfunctions/lib/shared/privacy'

describe('certificate numbers', () => {
  let seed = 7
  // A fixed sequence, so the test reads the same numbers every run.
  const pick = (max: number) => (seed = (seed * 48271) % 2147483647) % max
  const numbers = Array.from({ length: 50 }, () => newCertificateNumber(2026, pick))

  it('should read back every number it makes, whatever the case and spacing', () => {
    for (const number of numbers) {
      expect(number).toMatch(new RegExp(`^TX-2026-[${NUMBER_ALPHABET}]{9}$`))
      expect(normalizeNumber(number)).toBe(number)
      expect(normalizeNumber(` ${number.toLowerCase().replace(/-/g, ' - ')} `)).toBe(number)
    }
  })

  it('should refuse every single mistyped character and every swap of neighbours', () => {
    for (const number of numbers.slice(0, 10)) {
      const body = number.slice(8)
      for (let index = 0; index < body.length; index += 1) {
        for (const char of NUMBER_ALPHABET) {
          if (char === body[index]) continue
          expect(normalizeNumber(`TX-2026-${body.slice(0, index)}${char}${body.slice(index + 1)}`)).toBeNull()
        }
        if (index + 1 < body.length && body[index] !== body[index + 1]) {
          expect(normalizeNumber(`TX-2026-${body.slice(0, index)}${body[index + 1]}${body[index]}${body.slice(index + 2)}`)).toBeNull()
        }
      }
      expect(normalizeNumber(number.replace('2026', '2025'))).toBe(checkCharacter(2025, body.slice(0, 8)) === body[8] ? number.replace('2026', '2025') : null)
    }
  })

  it('should refuse what is not a number at all', () => {
    for (const raw of ['', 'TX-2026', 'TX-2026-00000000O', 'TX-26-ABCDEFGHJ', 'XX-2026-ABCDEFGHJ', 'TX-2026-ABCDEFGHJK']) expect(normalizeNumber(raw)).toBeNull()
  })
})

describe('maskIdNumber', () => {
  it('should keep the first three and last four characters of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X')
    expect(maskIdNumber('110105194912310021')).toHaveLength(18)
    expect(maskIdNumber('1234567')).toBe('*******')
  })
})
