import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The rotating check-in code staff show on their phone.
 *
 * code = 6 digits of HMAC-SHA256(signing key, "checkin:<activityId>:<window>"),
 * truncated as in RFC 4226, where window = floor(unix ms / 30 000). Without
 * the deployment's key nobody can compute a code; a code names its activity
 * and its window, so it is useless for another activity and once expired.
 *
 * A code is accepted in its own window and for GRACE_MS after the window ends.
 * The grace is for people, not clocks: a code read off the screen with 2 s
 * left, typed slowly by an elderly volunteer on H5 (no scanner there) and sent
 * over a slow link must still count — the national 适老化 rule leaves users
 * enough time where a limit is not essential, and here it is not: the
 * signature still binds the code to its activity and its window, and the
 * ten-wrong-tries lockout still bounds guessing (at most 4 live codes out of a
 * million). So a code lives at most PERIOD + GRACE (120 s) after it first
 * appears, and at least GRACE (90 s) after it was last on screen.
 */
export const CHECKIN_CODE_PERIOD_MS = 30_000
export const CHECKIN_CODE_GRACE_MS = 90_000
const DIGITS = 6

export interface CheckinCode {
  code: string
  /** `tongxin:checkin:<activityId>:<code>`: what the QR code holds, and what the member's scan sends back. */
  qrPayload: string
  /** When this code stops being shown (the next one starts); it is still accepted for CHECKIN_CODE_GRACE_MS. */
  expiresAt: Date
  periodSeconds: number
}

const windowOf = (now: Date): number => Math.floor(now.getTime() / CHECKIN_CODE_PERIOD_MS)

function codeFor(key: string, activityId: string, window: number): string {
  const digest = createHmac('sha256', key).update(`checkin:${activityId}:${window}`).digest()
  const offset = digest[digest.length - 1] & 0x0f
  const value = digest.readUInt32BE(offset) & 0x7fffffff
  return String(value % 10 ** DIGITS).padStart(DIGITS, '0')
}

export function checkinCode(key: string, activityId: string, now: Date): CheckinCode {
  const window = windowOf(now)
  const code = codeFor(key, activityId, window)
  return {
    code,
    qrPayload: `tongxin:checkin:${activityId}:${code}`,
    expiresAt: new Date((window + 1) * CHECKIN_CODE_PERIOD_MS),
    periodSeconds: CHECKIN_CODE_PERIOD_MS / 1000,
  }
}

/** True when `code` is this activity's code for the current window, or for an earlier one that ended less than GRACE_MS ago. */
export function verifyCheckinCode(key: string, activityId: string, code: string, now: Date): boolean {
  if (!/^\d{6}$/.test(code)) return false
  const window = windowOf(now)
  const candidates = [window]
  // Window w ends at (w + 1) × PERIOD; keep every earlier window whose end is within the grace.
  for (let earlier = window - 1; now.getTime() - (earlier + 1) * CHECKIN_CODE_PERIOD_MS < CHECKIN_CODE_GRACE_MS; earlier -= 1) {
    candidates.push(earlier)
  }
  // Compare every candidate in constant time, so timing says nothing about how close a guess was.
  let matched = false
  for (const candidate of candidates) {
    if (timingSafeEqual(Buffer.from(codeFor(key, activityId, candidate)), Buffer.from(code))) matched = true
  }
  return matched
}

/** The member may scan the QR (its payload) or type the digits; both reduce to the 6 digits, for this activity only. */
export function codeFromInput(activityId: string, input: string): string | null {
  const trimmed = input.trim()
  if (/^\d{6}$/.test(trimmed)) return trimmed
  const match = /^tongxin:checkin:(.+):(\d{6})$/.exec(trimmed)
  if (!match || match[1] !== activityId) return null
  return match[2]
}
