import { defineAction, defineFunction } from '../lib/runtime/action'
import { cloudbaseMain } from '../lib/runtime/cloudbase'
import * as reminders from '../lib/reminders/service'

/** 消息提醒: the in-app list, the staff's view of the outbox, and the timers that fill and send it. */
export const remindersFunction = defineFunction(
  'reminders',
  {
    mine: defineAction({ input: reminders.mineInput, access: 'signedIn', handler: reminders.mine }),
    outbox: defineAction({ input: reminders.outboxInput, access: ['staff'], handler: reminders.outbox }),
  },
  {
    deliver: { schedule: '0 */5 * * * * *', run: reminders.deliver },
    // CloudBase timer triggers run on Beijing time: 08:00 is a fair hour to hear about tomorrow.
    daily: { schedule: '0 0 8 * * * *', run: reminders.daily },
  },
)

export type RemindersFunction = typeof remindersFunction

export const main = cloudbaseMain(remindersFunction)
