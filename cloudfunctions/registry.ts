/**
 * Every deployable function, by name. The local server routes
 * `POST /api/<name>` here; the build bundles `<name>/index.ts` for CloudBase.
 */
import { activitiesFunction } from './activities'
import { announcementsFunction } from './announcements'
import { certificatesFunction } from './certificates'
import { communitiesFunction } from './communities'
import { dashboardFunction } from './dashboard'
import { honoursFunction } from './honours'
import type { AnyAction, FunctionDef } from './lib/runtime/action'
import { membersFunction } from './members'
import { pointsFunction } from './points'
import { remindersFunction } from './reminders'
import { shopFunction } from './shop'
import { suggestionsFunction } from './suggestions'
import { teamsFunction } from './teams'
import { unitsFunction } from './units'
import { usersFunction } from './users'
import { venuesFunction } from './venues'
import { wishesFunction } from './wishes'

export const functions: Record<string, FunctionDef<Record<string, AnyAction>>> = {
  users: usersFunction,
  communities: communitiesFunction,
  activities: activitiesFunction,
  wishes: wishesFunction,
  points: pointsFunction,
  shop: shopFunction,
  units: unitsFunction,
  reminders: remindersFunction,
  members: membersFunction,
  announcements: announcementsFunction,
  suggestions: suggestionsFunction,
  dashboard: dashboardFunction,
  venues: venuesFunction,
  teams: teamsFunction,
  honours: honoursFunction,
  certificates: certificatesFunction,
}
