/**
 * The codes people scan or type: the rotating check-in code on the staff
 * phone and a redemption's pick-up code. Payloads are what the back end
 * writes into the QR codes (`tongxin:checkin:<activityId>:<code>`,
 * `tongxin:pickup:<communityId>:<code>`); the 6 digits are what people type.
 */

const SIX_DIGITS = /^\d{6}$/

/** Keeps only digits, at most 6: what a code field accepts while typing. */
export function digitsOnly(text: string): string {
  return text.replace(/\D+/g, '').slice(0, 6)
}

export const isSixDigits = (text: string): boolean => SIX_DIGITS.test(text)

export type ScannedCode = { ok: true; scopeId: string; code: string } | { ok: false; reason: 'not-ours' | 'other-scope' }

/**
 * Reads a scanned payload of the given kind. `expectedScope` is the activity
 * (check-in) or community (pick-up) on screen: a code for another one is
 * refused here with a clear message instead of a server CODE_INVALID.
 */
export function parseScanned(kind: 'checkin' | 'pickup', payload: string, expectedScope?: string): ScannedCode {
  const prefix = `tongxin:${kind}:`
  if (!payload.startsWith(prefix)) return { ok: false, reason: 'not-ours' }
  const rest = payload.slice(prefix.length)
  const cut = rest.lastIndexOf(':')
  if (cut <= 0) return { ok: false, reason: 'not-ours' }
  const scopeId = rest.slice(0, cut)
  const code = rest.slice(cut + 1)
  if (!isSixDigits(code)) return { ok: false, reason: 'not-ours' }
  if (expectedScope !== undefined && scopeId !== expectedScope) return { ok: false, reason: 'other-scope' }
  return { ok: true, scopeId, code }
}
