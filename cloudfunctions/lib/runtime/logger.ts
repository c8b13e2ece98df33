/** Structured logs: one JSON line per event, so CloudBase's log search can filter by requestId. */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void
  error(event: string, fields?: Record<string, unknown>): void
}

export const consoleLogger: Logger = {
  info(event, fields) {
    console.log(JSON.stringify({ level: 'info', event, ...fields }))
  },
  error(event, fields) {
    console.error(JSON.stringify({ level: 'error', event, ...fields }))
  },
}

export const silentLogger: Logger = { info() {}, error() {} }
