/**
 * Certificate numbers: `TX-2026-7KQ9M2HDX` — the issue year (Beijing), eight
 * random characters and one check character.
 *
 * The alphabet has 31 characters (no 0/O, 1/I, Z that are read or typed
 * wrongly), and 31 is prime, so the weighted check below catches every single
 * mistyped character and every swap of two neighbours before the database is
 * asked. Eight random characters are 31^8 ≈ 8.5 × 10^11 numbers, of which a
 * community issues hundreds: guessing a valid one is hopeless, while a person
 * can still read it out over the phone.
 */
import { randomInt } from 'node:crypto'

export const NUMBER_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXY'
const RANDOM_LENGTH = 8
const BASE = NUMBER_ALPHABET.length
const PATTERN = new RegExp(`^TX-(\\d{4})-([${NUMBER_ALPHABET}]{${RANDOM_LENGTH + 1}})$`)

/** The check character of a year and its random part. */
export function checkCharacter(year: number, random: string): string {
  let sum = year % BASE
  for (let index = 0; index < random.length; index += 1) sum += (index + 1) * NUMBER_ALPHABET.indexOf(random[index])
  return NUMBER_ALPHABET[sum % BASE]
}

/** A fresh number for a certificate issued in `year` (Beijing). */
export function newCertificateNumber(year: number, pick: (max: number) => number = randomInt): string {
  let random = ''
  for (let index = 0; index < RANDOM_LENGTH; index += 1) random += NUMBER_ALPHABET[pick(BASE)]
  return `TX-${year}-${random}${checkCharacter(year, random)}`
}

/**
 * A number as a person typed or scanned it: upper-cased, spaces and stray
 * dashes tidied. Returns null when it cannot be a number we issued (wrong
 * shape or check character) — the caller answers that exactly like a
 * well-formed number that is not on file.
 */
export function normalizeNumber(raw: string): string | null {
  const compact = raw.trim().toUpperCase().replace(/[\s_—–－]+/g, '-').replace(/-+/g, '-')
  const match = PATTERN.exec(compact)
  if (!match) return null
  const year = Number(match[1])
  const body = match[2]
  const random = body.slice(0, RANDOM_LENGTH)
  return checkCharacter(year, random) === body[RANDOM_LENGTH] ? compact : null
}
