/** Structured logs: one JSON line per event, so CloudBase's log search can filter by requestId. */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void
  /** Something went wrong outside our code (a platform API unreachable) and was handled: worth watching, not a bug. */
  warn(event: string, fields?: Record<string, unknown>): void
  error(event: string, fields?: Record<string, unknown>): void
}

export const consoleLogger: Logger = {
  info(event, fields) {
    console.log(JSON.stringify({ level: 'info', event, ...fields }))
  },
  warn(event, fields) {
    console.warn(JSON.stringify({ level: 'warn', event, ...fields }))
  },
  error(event, fields) {
    console.error(JSON.stringify({ level: 'error', event, ...fields }))
  },
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} }
