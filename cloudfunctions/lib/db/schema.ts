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
    ],
  },
  wishes: {
    indexes: [
      { name: 'community_status_created', keys: [['communityId', 1], ['status', 1], ['createdAt', -1]] },
      { name: 'wisher', keys: [['wisherId', 1], ['createdAt', -1]] },
    ],
  },
  units: {
    indexes: [{ name: 'name', keys: [['name', 1]] }],
  },
  items: {
    indexes: [{ name: 'community_shelf', keys: [['communityId', 1], ['onShelf', 1], ['createdAt', -1]] }],
  },
  /** Audit trail of privileged actions (role grants, corrections, 补录 …). */
  audit: {
    indexes: [{ name: 'target', keys: [['targetId', 1], ['createdAt', -1]] }],
  },
} as const satisfies Record<string, CollectionSpec>

export type CollectionName = keyof typeof schema

export const collectionNames = Object.keys(schema) as CollectionName[]
