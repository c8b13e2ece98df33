import * as announcements from '../lib/announcements/service'
import { defineAction, defineFunction } from '../lib/runtime/action'
import { cloudbaseMain } from '../lib/runtime/cloudbase'

const staff = ['staff'] as const
const ofAnnouncement = announcements.announcementCommunity

/** 公告 / 新闻: staff publish Markdown rendered to sanitised HTML; everyone reads the published ones. */
export const announcementsFunction = defineFunction('announcements', {
  list: defineAction({ input: announcements.listInput, access: 'anyone', handler: announcements.list }),
  detail: defineAction({ input: announcements.announcementRef, access: 'anyone', community: ofAnnouncement, handler: announcements.detail }),
  publish: defineAction({ input: announcements.publishInput, access: staff, handler: announcements.publish }),
  update: defineAction({ input: announcements.updateInput, access: staff, community: ofAnnouncement, handler: announcements.update }),
  withdraw: defineAction({ input: announcements.withdrawInput, access: staff, community: ofAnnouncement, handler: announcements.withdraw }),
  pin: defineAction({ input: announcements.pinInput, access: staff, community: ofAnnouncement, handler: announcements.pin }),
})

export type AnnouncementsFunction = typeof announcementsFunction

export const main = cloudbaseMain(announcementsFunction)
