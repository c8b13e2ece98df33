/**
 * `npm run outbox`: the local reminders outbox, newest first. Locally no
 * reminder leaves the machine (the outbox messenger keeps them), so this is
 * where a developer sees what WeChat would have been asked to send.
 *
 *   npm run outbox -- --user u-member --reason activity_tomorrow --limit 20
 *
 * Reads DATA_DIR (default .data) as `npm start` writes it.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { Where } from '../cloudfunctions/lib/db/types'
import { reminderReasons, type ReminderDoc } from '../cloudfunctions/lib/reminders'
import { beijingTime } from '../cloudfunctions/lib/reminders/model'
import type { UserDoc } from '../cloudfunctions/lib/users/model'
import { dataDir } from './paths'

const { values } = parseArgs({
  options: {
    user: { type: 'string' },
    reason: { type: 'string' },
    limit: { type: 'string', default: '50' },
  },
})

async function main(): Promise<number> {
  const file = join(dataDir, 'tongxin.db')
  // Opening a path that does not exist would create an empty database and print nothing.
  if (!existsSync(file)) throw new Error(`No local database at ${file}: start the app once (npm start) or set DATA_DIR`)
  if (values.reason && !(reminderReasons as readonly string[]).includes(values.reason)) throw new Error(`--reason must be one of ${reminderReasons.join(', ')}`)
  const limit = Number(values.limit)
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new Error('--limit must be 1–1000')

  const { openLocalDatabase } = await import('../cloudfunctions/lib/db/local')
  const db = openLocalDatabase({ file })
  try {
    const where: Where = {}
    if (values.user) where.userId = values.user
    if (values.reason) where.reason = values.reason
    const reminders = db.collection<ReminderDoc>('reminders')
    const query = Object.keys(where).length ? reminders.where(where) : reminders
    const [total, page] = await Promise.all([query.count(), query.orderBy('createdAt', 'desc').limit(limit).get()])
    const users = new Map<string, string>()
    for (const userId of new Set(page.data.map((reminder) => reminder.userId))) {
      users.set(userId, (await db.collection<UserDoc>('users').doc(userId).get()).data[0]?.name ?? '?')
    }
    console.log(`outbox of ${file}: ${total.total} reminder(s)${page.data.length < total.total ? `, newest ${page.data.length} shown` : ''}`)
    for (const reminder of page.data) {
      const fields = Object.entries(reminder.fields)
        .map(([key, value]) => `${key}=${value}`)
        .join('  ')
      console.log(`${beijingTime(reminder.createdAt)}  ${reminder.status.padEnd(10)} ${reminder.reason.padEnd(19)} ${reminder.userId} ${users.get(reminder.userId)}`)
      console.log(`    ${reminder.title}`)
      if (fields) console.log(`    ${fields}`)
      if (reminder.page) console.log(`    → ${reminder.page}`)
      if (reminder.lastError) console.log(`    ! ${reminder.lastError} (attempts ${reminder.attempts})`)
    }
    return 0
  } finally {
    db.close()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(2)
  },
)
