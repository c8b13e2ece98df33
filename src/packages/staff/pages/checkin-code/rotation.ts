/**
 * When to fetch the next check-in code. The server says when the shown code
 * expires, in its own clock; the phone's clock may differ a little. The wait
 * is measured from when the answer arrived and kept within one period, so a
 * phone clock that runs fast or slow neither shows a dead code for long nor
 * asks the server every instant.
 */
const MIN_WAIT_MS = 1000

export function refreshAt(expiresAtIso: string, periodSeconds: number, receivedAt: number): number {
  const expiresAt = Date.parse(expiresAtIso)
  const wait = Number.isNaN(expiresAt) ? periodSeconds * 1000 : expiresAt - receivedAt
  return receivedAt + Math.min(Math.max(wait, MIN_WAIT_MS), periodSeconds * 1000)
}
