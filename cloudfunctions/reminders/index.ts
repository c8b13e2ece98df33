import { defineAction, defineFunction } from '../lib/runtime/action'
import { cloudbaseMain } from '../lib/runtime/cloudbase'
import { dailyAfter, everyTick } from '../lib/runtime/timers'
import * as reminders from '../lib/reminders/service'

/** 消息提醒: the in-app list, the staff's view of the outbox, and the timers that fill and send it. */
export const remindersFunction = defineFunction(
  'reminders',
  {
    mine: defineAction({ input: reminders.mineInput, access: 'signedIn', handler: reminders.mine }),
    outbox: defineAction({ input: reminders.outboxInput, access: ['staff'], handler: reminders.outbox }),
  },
  {
    // One trigger per function: a tick every 5 minutes sends the queue, and the first tick
    // after 08:00 Beijing queues the day's reminders (a fair hour to hear about tomorrow).
    schedule: '0 */5 * * * * *',
    jobs: {
      deliver: { cadence: everyTick, run: reminders.deliver },
      daily: { cadence: dailyAfter('08:00'), run: reminders.daily },
    },
  },
)

export type RemindersFunction = typeof remindersFunction

export const main = cloudbaseMain(remindersFunction)
