import * as z from 'zod'
import { toActivityCard, type ActivityCard, type ActivityDoc } from '../activities/model'
import type { AnnouncementCard } from '../announcements/model'
import { latestAnnouncements } from '../announcements/service'
import type { ActionContext } from '../runtime/action'
import { AppError } from '../runtime/errors'
import { id } from '../shared/schemas'
import { recordAudit } from '../shared/audit'
import { defaultCommunitySettings, type CommunityDoc, type CommunitySettings, type DistrictDoc, type RoleDoc } from '../users/model'
import { toWishCard, wallStatuses, type WishCard, type WishDoc } from '../wishes/model'
import { freshWish } from '../wishes/service'

/** A 街道 has a handful of communities; a city a few hundred. One page holds them. */
const MAX_COMMUNITIES = 1000

export interface CommunityDirectory {
  districts: Array<{ id: string; name: string; communities: Array<{ id: string; name: string }> }>
}

/** Every district with its communities: the registration picker. */
export async function listCommunities(ctx: ActionContext): Promise<CommunityDirectory> {
  const [districts, communities] = await Promise.all([
    ctx.db.collection<DistrictDoc>('districts').orderBy('name', 'asc').limit(MAX_COMMUNITIES).get(),
    ctx.db.collection<CommunityDoc>('communities').orderBy('name', 'asc').limit(MAX_COMMUNITIES).get(),
  ])
  return {
    districts: districts.data.map((district) => ({
      id: district._id,
      name: district.name,
      communities: communities.data
        .filter((community) => community.districtId === district._id)
        .map((community) => ({ id: community._id, name: community.name })),
    })),
  }
}

export const overviewInput = z.object({ communityId: id.optional() }).strict()

export interface CommunityOverview {
  community: { id: string; name: string; districtName: string; address: string }
  stats: { activities: number; members: number; openWishes: number; units: number }
  upcomingActivities: ActivityCard[]
  latestWishes: WishCard[]
  /** The 3 newest published announcements, pinned first. */
  announcements: AnnouncementCard[]
}

const HOME_LIST_SIZE = 5

/** The home page of a community: who it is, a few figures, what is coming up and the newest wishes. */
export async function overview(ctx: ActionContext): Promise<CommunityOverview> {
  const community = ctx.community
  if (!community) throw new AppError('VALIDATION_FAILED', '请先选择社区')
  const { db } = ctx
  const _ = db.command
  const activities = db.collection<ActivityDoc>('activities')
  const wishes = db.collection<WishDoc>('wishes')
  const [district, activityCount, memberCount, openWishCount, unitCount, upcoming, latest, announcements] = await Promise.all([
    db.collection<DistrictDoc>('districts').doc(community.districtId).get(),
    activities.where({ communityId: community._id, status: 'published' }).count(),
    db.collection<RoleDoc>('roles').where({ scopeId: community._id, role: 'member' }).count(),
    wishes.where({ communityId: community._id, status: 'open' }).count(),
    db.collection('units').where({ communityIds: community._id, status: 'active' }).count(),
    activities
      .where({ communityId: community._id, status: 'published', startAt: _.gte(ctx.now()) })
      .orderBy('startAt', 'asc')
      .limit(HOME_LIST_SIZE)
      .get(),
    wishes
      .where({ communityId: community._id, status: _.in([...wallStatuses]) })
      .orderBy('createdAt', 'desc')
      .limit(HOME_LIST_SIZE)
      .get(),
    latestAnnouncements(db, community._id),
  ])
  return {
    community: { id: community._id, name: community.name, districtName: district.data[0]?.name ?? '', address: community.address },
    stats: { activities: activityCount.total, members: memberCount.total, openWishes: openWishCount.total, units: unitCount.total },
    upcomingActivities: upcoming.data.map(toActivityCard),
    // Like the wall: a claim past its due date shows as open again, not as claimed.
    latestWishes: await Promise.all(latest.data.map(async (wish) => toWishCard(await freshWish(db, wish, ctx.now())))),
    announcements,
  }
}

export const settingsInput = z.object({ communityId: id }).strict()

export const updateSettingsInput = z
  .object({
    communityId: id,
    redemptionDays: z.number().int().min(1).max(365).optional(),
    claimDays: z.number().int().min(1).max(90).optional(),
    wishPoints: z.number().int().min(0).max(1000).optional(),
    reportActivityTarget: z.number().int().min(0).max(100).optional(),
    reportSuggestionTarget: z.number().int().min(0).max(100).optional(),
    /** 星级 thresholds in hours for 1–5 stars, strictly ascending. */
    starHours: z
      .array(z.number().positive().max(100_000))
      .length(5)
      .refine((hours) => hours.every((value, index) => index === 0 || value > hours[index - 1]), { message: '星级时长须逐级递增' })
      .optional(),
    reason: z.string().trim().max(200).default(''),
  })
  .strict()
  .refine((input) => settingKeys.some((key) => input[key] !== undefined), { message: '请至少修改一项设置' })

const settingKeys = ['redemptionDays', 'claimDays', 'wishPoints', 'reportActivityTarget', 'reportSuggestionTarget', 'starHours'] as const satisfies ReadonlyArray<keyof CommunitySettings>

/** A community's settings, defaults filled in. */
export function settingsOf(community: CommunityDoc): CommunitySettings {
  return { ...defaultCommunitySettings, ...community.settings }
}

export async function updateSettings(input: z.output<typeof updateSettingsInput>, ctx: ActionContext): Promise<CommunitySettings> {
  const community = ctx.community!
  const before = settingsOf(community)
  const changes: Record<string, unknown> = {}
  const detail: Record<string, { from: unknown; to: unknown }> = {}
  for (const key of settingKeys) {
    const value = input[key]
    if (value === undefined) continue
    // An array given to update() would be merged by index in CloudBase; set() replaces it whole.
    changes[`settings.${key}`] = Array.isArray(value) ? ctx.db.command.set(value) : value
    detail[key] = { from: before[key], to: value }
  }
  await ctx.db.collection<CommunityDoc>('communities').doc(community._id).update(changes)
  await recordAudit(ctx, { kind: 'community.settings', targetId: community._id, communityId: community._id, detail, reason: input.reason })
  const after: CommunitySettings = { ...before }
  for (const key of settingKeys) (after as unknown as Record<string, unknown>)[key] = input[key] ?? before[key]
  return after
}
