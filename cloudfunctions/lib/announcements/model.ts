import type { BaseDoc } from '../db/types'

export const announcementKinds = ['news', 'notice'] as const
export type AnnouncementKind = (typeof announcementKinds)[number]

export const announcementKindLabels: Record<AnnouncementKind, string> = { news: '社区新闻', notice: '通知公告' }

/** published → withdrawn. Nothing is ever deleted: a withdrawn notice still shows what was said. */
export const announcementStatuses = ['published', 'withdrawn'] as const
export type AnnouncementStatus = (typeof announcementStatuses)[number]

export interface AnnouncementDoc extends BaseDoc {
  communityId: string
  kind: AnnouncementKind
  title: string
  /** A photo id (cloud:// or /uploads/…), or null. */
  cover: string | null
  /** What staff typed: Markdown. */
  source: string
  /** `source` rendered and sanitised (render.ts): the only HTML a reader ever gets. */
  html: string
  status: AnnouncementStatus
  pinned: boolean
  publishedAt: Date
  createdBy: string
  updatedAt: Date
  updatedBy: string
  withdrawReason: string
}

export interface AnnouncementCard {
  id: string
  kind: AnnouncementKind
  title: string
  cover: string | null
  summary: string
  pinned: boolean
  publishedAt: Date
}

export interface AnnouncementView extends AnnouncementCard {
  communityId: string
  html: string
  status: AnnouncementStatus
  /** Only for staff of the community, who edit it. */
  source?: string
  withdrawReason?: string
  updatedAt: Date
}
