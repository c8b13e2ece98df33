/**
 * The one list of collections and their indexes.
 *
 * The local engine creates a table per collection and an SQLite expression
 * index per entry; `npm run deploy` creates the same collections (ADMINONLY)
 * and indexes in CloudBase from this list (scripts/cloudbaserc.ts).
 *
 * Indexed fields hold scalars only (string, number, boolean, Date or null):
 * the local engine refuses a write that puts an array or object there, so its
 * SQL translation of a query on indexed fields is exact.
 */

export interface IndexSpec {
  /** Unique within the collection; becomes the SQLite / CloudBase index name. */
  name: string
  /** Field paths (dotted for nested) with direction, in key order. */
  keys: Array<[field: string, direction: 1 | -1]>
  unique?: boolean
}

export interface CollectionSpec {
  indexes: IndexSpec[]
}

export const schema = {
  districts: { indexes: [] },
  communities: {
    indexes: [{ name: 'district', keys: [['districtId', 1], ['name', 1]] }],
  },
  users: {
    indexes: [
      { name: 'openid', keys: [['openid', 1]], unique: true },
      { name: 'community_created', keys: [['communityId', 1], ['createdAt', -1]] },
    ],
  },
  /** Role grants: `_id` is `<scope id>:<userId>:<role>`, so a grant exists once. */
  roles: {
    indexes: [
      { name: 'user', keys: [['userId', 1]] },
      { name: 'scope_role', keys: [['scopeId', 1], ['role', 1]] },
    ],
  },
  activities: {
    indexes: [
      { name: 'community_start', keys: [['communityId', 1], ['startAt', -1]] },
      { name: 'community_status_start', keys: [['communityId', 1], ['status', 1], ['startAt', -1]] },
      /** activities.list `when`: upcoming / past split on the end time. */
      { name: 'community_status_end', keys: [['communityId', 1], ['status', 1], ['endAt', -1]] },
      /** A 服务队's page and 台账: its activities by start. */
      { name: 'team_start', keys: [['teamId', 1], ['startAt', -1]] },
    ],
  },
  wishes: {
    indexes: [
      { name: 'community_status_created', keys: [['communityId', 1], ['status', 1], ['createdAt', -1]] },
      /** The wall filtered by category: exact in SQL, so it pages there instead of in memory. */
      { name: 'community_category_status_created', keys: [['communityId', 1], ['category', 1], ['status', 1], ['createdAt', -1]] },
      { name: 'wisher', keys: [['wisherId', 1], ['createdAt', -1]] },
      /** dashboard: wishes posted, fulfilled and rated (confirmation stars) in a period. */
      { name: 'community_created', keys: [['communityId', 1], ['createdAt', -1]] },
      { name: 'community_fulfilled', keys: [['communityId', 1], ['fulfilment.at', -1]] },
      { name: 'community_confirmed', keys: [['communityId', 1], ['confirmation.at', -1]] },
    ],
  },
  /** Winning wish claims: `_id` is `<wishId>:<n>`, so racing claims collide on one id. */
  claims: {
    indexes: [
      { name: 'claimer_created', keys: [['claimerId', 1], ['createdAt', -1]] },
      { name: 'wish', keys: [['wishId', 1], ['createdAt', -1]] },
      /** dashboard: wishes claimed in a period. */
      { name: 'community_created', keys: [['communityId', 1], ['createdAt', -1]] },
    ],
  },
  /** 意见建议: staff's queue by status, the submitter's own, the public 办结公示 newest closed first. */
  suggestions: {
    indexes: [
      { name: 'community_status_created', keys: [['communityId', 1], ['status', 1], ['createdAt', -1]] },
      { name: 'community_status_closed', keys: [['communityId', 1], ['status', 1], ['closedAt', -1]] },
      { name: 'community_created', keys: [['communityId', 1], ['createdAt', -1]] },
      /** Members' yearly progress counts a person's suggestions by createdAt. */
      { name: 'user_created', keys: [['userId', 1], ['createdAt', -1]] },
      /** dashboard: response time over those first replied to in a period, 满意度 over those rated in it. */
      { name: 'community_replied', keys: [['communityId', 1], ['repliedAt', -1]] },
      { name: 'community_rated', keys: [['communityId', 1], ['rating.at', -1]] },
    ],
  },
  units: {
    indexes: [{ name: 'name', keys: [['name', 1]] }],
  },
  /** Co-building agreements: `_id` is `<unitId>:<communityId>`, so a unit pairs with a community once. */
  agreements: {
    indexes: [
      { name: 'community_signed', keys: [['communityId', 1], ['signedAt', -1]] },
      { name: 'unit', keys: [['unitId', 1]] },
    ],
  },
  /** Liaison invites: `_id` is the SHA-256 of the code; single use. */
  invites: {
    indexes: [{ name: 'unit_created', keys: [['unitId', 1], ['createdAt', -1]] }],
  },
  /** 承诺事项: a unit's promise to a community for a year. */
  commitments: {
    indexes: [
      { name: 'community_year_created', keys: [['communityId', 1], ['year', 1], ['createdAt', -1]] },
      { name: 'unit_year_created', keys: [['unitId', 1], ['year', 1], ['createdAt', -1]] },
      { name: 'demand', keys: [['demandId', 1]] },
    ],
  },
  /** 资源清单: what a unit can share. */
  resources: {
    indexes: [{ name: 'unit_created', keys: [['unitId', 1], ['createdAt', -1]] }],
  },
  resourceRequests: {
    indexes: [
      { name: 'community_created', keys: [['communityId', 1], ['createdAt', -1]] },
      { name: 'unit_created', keys: [['unitId', 1], ['createdAt', -1]] },
    ],
  },
  /** 需求清单: community needs units claim. */
  demands: {
    indexes: [{ name: 'community_status_created', keys: [['communityId', 1], ['status', 1], ['createdAt', -1]] }],
  },
  /** 群众评议: `_id` is `<commitmentId>:<userId>`, so a person rates a commitment once. */
  ratings: {
    indexes: [
      { name: 'commitment', keys: [['commitmentId', 1], ['createdAt', -1]] },
      /** dashboard: 满意度 over the ratings given in a period. */
      { name: 'community_created', keys: [['communityId', 1], ['createdAt', -1]] },
    ],
  },
  /** One person's sign-up for one activity: `_id` is `<activityId>:<userId>` (the natural key). */
  enrollments: {
    indexes: [
      { name: 'activity_status', keys: [['activityId', 1], ['status', 1]] },
      { name: 'user_created', keys: [['userId', 1], ['createdAt', -1]] },
      { name: 'user_confirmed', keys: [['userId', 1], ['confirmedAt', -1]] },
      /** dashboard: attendances and hours confirmed in a period. */
      { name: 'community_status_confirmed', keys: [['communityId', 1], ['status', 1], ['confirmedAt', -1]] },
      /** A 服务队's hours and leaderboard: its activities' confirmed attendances in a period. */
      { name: 'team_status_confirmed', keys: [['teamId', 1], ['status', 1], ['confirmedAt', -1]] },
    ],
  },
  /** Waiting for a seat: `_id` is `<activityId>:<userId>`; first in line is the earliest `joinedAt` still waiting. */
  waitlist: {
    indexes: [
      { name: 'activity_status_joined', keys: [['activityId', 1], ['status', 1], ['joinedAt', 1]] },
      { name: 'user_joined', keys: [['userId', 1], ['joinedAt', -1]] },
    ],
  },
  /** Points accounts: `_id` is `<communityId>:<userId>`; points are spent where they were earned. */
  accounts: {
    indexes: [
      { name: 'user', keys: [['userId', 1]] },
      { name: 'community_available', keys: [['communityId', 1], ['available', -1]] },
      /** The 星级 distribution: accounts of a community by service hours. */
      { name: 'community_hours', keys: [['communityId', 1], ['hoursTotal', -1]] },
    ],
  },
  /** The append-only journal: `_id` is the idempotency key (`earn:enrollment:<id>`, `hold:<redemptionId>` …). */
  entries: {
    indexes: [
      { name: 'account_created', keys: [['accountId', 1], ['createdAt', -1]] },
      { name: 'ref', keys: [['refId', 1]] },
      /** dashboard: points issued (earn entries) in a period. */
      { name: 'community_kind_created', keys: [['communityId', 1], ['kind', 1], ['createdAt', -1]] },
    ],
  },
  items: {
    indexes: [{ name: 'community_shelf', keys: [['communityId', 1], ['onShelf', 1], ['createdAt', -1]] }],
  },
  redemptions: {
    indexes: [
      { name: 'user_created', keys: [['userId', 1], ['createdAt', -1]] },
      { name: 'community_status_created', keys: [['communityId', 1], ['status', 1], ['createdAt', -1]] },
      { name: 'status_expires', keys: [['status', 1], ['expiresAt', 1]] },
      { name: 'pickup', keys: [['communityId', 1], ['pickupCode', 1]] },
      /** dashboard: points redeemed (picked up) in a period. */
      { name: 'community_status_closed', keys: [['communityId', 1], ['status', 1], ['closedAt', -1]] },
    ],
  },
  /** Per person per item: how many units are held or picked up, so the per-person limit holds in a transaction. */
  purchases: {
    indexes: [{ name: 'user', keys: [['userId', 1]] }],
  },
  /** 场地: a community's bookable rooms (党群服务中心, 党建共享之家). */
  venues: {
    indexes: [{ name: 'community_created', keys: [['communityId', 1], ['createdAt', 1]] }],
  },
  /** 预约: a venue booking of one or more consecutive slots (Asia/Shanghai date + time, startAt for ordering). */
  bookings: {
    indexes: [
      { name: 'community_status_start', keys: [['communityId', 1], ['status', 1], ['startAt', -1]] },
      { name: 'community_date', keys: [['communityId', 1], ['date', 1]] },
      { name: 'community_created', keys: [['communityId', 1], ['createdAt', -1]] },
      { name: 'venue_date', keys: [['venueId', 1], ['date', 1]] },
      { name: 'user_start', keys: [['userId', 1], ['startAt', -1]] },
    ],
  },
  /** Held slots: `_id` is `<venueId>:<date>:<start>`, created with the booking, so one slot is never booked twice. */
  venueSlots: {
    indexes: [{ name: 'venue_date', keys: [['venueId', 1], ['date', 1]] }],
  },
  /** A venue's day, `_id` `<venueId>:<date>`: written by each booking and each closure of that day, so the two conflict (snapshot isolation). */
  venueDays: { indexes: [] },
  /** Open pick-up codes: `_id` is `<communityId>:<code>`, so a code is unique among a community's held redemptions. */
  pickupCodes: { indexes: [] },
  /** The reminders outbox: `_id` is `<userId>:<reason>:<subjectId>:<Beijing day>`, so a trigger stores once a day. */
  reminders: {
    indexes: [
      /** deliver: queued ones, oldest first. */
      { name: 'status_created', keys: [['status', 1], ['createdAt', 1]] },
      { name: 'user_created', keys: [['userId', 1], ['createdAt', -1]] },
      { name: 'community_created', keys: [['communityId', 1], ['createdAt', -1]] },
      /** reminders.outbox filtered by status (e.g. the failed ones). */
      { name: 'community_status_created', keys: [['communityId', 1], ['status', 1], ['createdAt', -1]] },
    ],
  },
  /** Wrong-guess counters for short codes: `_id` is `<purpose>:<subject>` (see shared/attempts.ts). */
  attempts: { indexes: [] },
  /** 在职党员报到: `_id` is `<communityId>:<userId>:<year>`, so a person reports to a community once a year. */
  memberReports: {
    indexes: [
      { name: 'community_year_updated', keys: [['communityId', 1], ['year', 1], ['updatedAt', -1]] },
      { name: 'community_year_status_updated', keys: [['communityId', 1], ['year', 1], ['status', 1], ['updatedAt', -1]] },
      /** The 政治生日 scan: confirmed reports whose MM-DD is today. */
      { name: 'status_anniversary', keys: [['status', 1], ['anniversary', 1]] },
    ],
  },
  /** 公告 / 新闻: pinned first, then newest. */
  announcements: {
    indexes: [{ name: 'community_status_pinned_published', keys: [['communityId', 1], ['status', 1], ['pinned', -1], ['publishedAt', -1]] }],
  },
  /** Audit trail of privileged actions (role grants, corrections, 补录 …). */
  audit: {
    indexes: [{ name: 'target', keys: [['targetId', 1], ['createdAt', -1]] }],
  },
  /** 服务队: one name per community. */
  teams: {
    indexes: [
      { name: 'community_name', keys: [['communityId', 1], ['name', 1]], unique: true },
      { name: 'community_status_created', keys: [['communityId', 1], ['status', 1], ['createdAt', 1]] },
    ],
  },
  /** Team memberships: `_id` is `<teamId>:<userId>`. */
  teamMembers: {
    indexes: [
      { name: 'team_status_applied', keys: [['teamId', 1], ['status', 1], ['appliedAt', 1]] },
      { name: 'user_status', keys: [['userId', 1], ['status', 1]] },
    ],
  },
  /** 月度之星 / 年度之星 named by staff: `_id` is `<communityId>:<kind>:<period>:<userId>`. */
  honours: {
    indexes: [{ name: 'community_kind_period', keys: [['communityId', 1], ['kind', 1], ['period', -1]] }],
  },
  /** 志愿服务记录证明: requested, issued (with a unique number), revoked or rejected. */
  certificates: {
    indexes: [
      { name: 'number', keys: [['number', 1]] },
      { name: 'community_status_updated', keys: [['communityId', 1], ['status', 1], ['updatedAt', -1]] },
      { name: 'user_updated', keys: [['userId', 1], ['updatedAt', -1]] },
    ],
  },
  /**
   * Dashboard roll-ups (lib/stats): `_id` is `<communityId>:<YYYY-MM>:<shard>`;
   * a report reads a range of months of some communities.
   */
  stats: {
    indexes: [{ name: 'community_month', keys: [['communityId', 1], ['month', 1]] }],
  },
  /** Distinct participants (lib/stats): `_id` is `<community or 街道 id>:<YYYY-MM or YYYY>:<userId>`, counted per scope and period. */
  participations: {
    indexes: [{ name: 'scope_period', keys: [['scopeId', 1], ['period', 1]] }],
  },
  /** Checkpoints of daily timer jobs: `_id` is `<function>:<job>`, read by `_id` only (runtime/timers.ts). */
  jobRuns: { indexes: [] },
  /** WeChat's stable access token for the server API, one document per appid, read by `_id` only (wechat/openapi.ts). */
  wxTokens: { indexes: [] },
} as const satisfies Record<string, CollectionSpec>

export type CollectionName = keyof typeof schema

export const collectionNames = Object.keys(schema) as CollectionName[]
