/**
 * Every page URL the app navigates to, in one place: a moved page is one
 * edit here, and app.config.ts lists the same paths.
 */
const query = (params: Record<string, string>) =>
  Object.entries(params)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&')

export const routes = {
  suggestionSubmit: '/packages/suggestions/pages/submit/index',
  mySuggestions: '/packages/suggestions/pages/mine/index',
  suggestionDetail: (suggestionId: string) => `/packages/suggestions/pages/detail/index?${query({ id: suggestionId })}`,
  publicSuggestions: '/packages/suggestions/pages/public/index',
  staffSuggestions: (communityId: string) => `/packages/suggestions/pages/manage/index?${query({ communityId })}`,
  activities: '/pages/activities/index',
  me: '/pages/me/index',
  activityDetail: (activityId: string) => `/packages/activities/pages/detail/index?${query({ id: activityId })}`,
  myActivities: '/packages/activities/pages/mine/index',
  serviceRecord: '/packages/activities/pages/record/index',
  shop: '/packages/shop/pages/index/index',
  redemptions: '/packages/shop/pages/redemptions/index',
  pointsHistory: '/packages/shop/pages/history/index',
  wishDetail: (wishId: string) => `/packages/wishes/pages/detail/index?${query({ id: wishId })}`,
  wishPost: '/packages/wishes/pages/post/index',
  wishEdit: (wishId: string) => `/packages/wishes/pages/post/index?${query({ id: wishId })}`,
  myWishes: '/packages/wishes/pages/mine/index',
  myClaims: '/packages/wishes/pages/claims/index',
  messages: '/packages/reminders/pages/index/index',
  reminderOutbox: (communityId: string) => `/packages/reminders/pages/outbox/index?${query({ communityId })}`,
  staff: '/packages/staff/pages/index/index',
  staffPublish: (communityId: string) => `/packages/staff/pages/publish/index?${query({ communityId })}`,
  staffEdit: (communityId: string, activityId: string) => `/packages/staff/pages/publish/index?${query({ communityId, id: activityId })}`,
  staffActivities: (communityId: string) => `/packages/staff/pages/activities/index?${query({ communityId })}`,
  staffCheckinCode: (activityId: string) => `/packages/staff/pages/checkin-code/index?${query({ id: activityId })}`,
  staffAttendance: (activityId: string) => `/packages/staff/pages/attendance/index?${query({ id: activityId })}`,
  staffItems: (communityId: string) => `/packages/staff/pages/items/index?${query({ communityId })}`,
  staffPickup: (communityId: string) => `/packages/staff/pages/pickup/index?${query({ communityId })}`,
  staffAdjust: (communityId: string) => `/packages/staff/pages/adjust/index?${query({ communityId })}`,
  staffDashboard: (communityId: string) => `/packages/staff/pages/dashboard/index?${query({ communityId })}`,
  staffWishReview: (communityId: string) => `/packages/wishes/pages/review/index?${query({ communityId })}`,
  wishPostFor: (communityId: string) => `/packages/wishes/pages/post/index?${query({ communityId, for: 'neighbour' })}`,
  units: '/packages/units/pages/index/index',
  unitDetail: (unitId: string) => `/packages/units/pages/detail/index?${query({ id: unitId })}`,
  unitJoin: '/packages/units/pages/join/index',
  demands: (communityId: string) => `/packages/units/pages/demands/index?${query({ communityId })}`,
  myDemands: '/packages/units/pages/demands/index',
  unitReport: (communityId: string) => `/packages/units/pages/report/index?${query({ communityId })}`,
  staffUnits: (communityId: string) => `/packages/units/pages/manage/index?${query({ communityId })}`,
  staffUnitRegister: (communityId: string) => `/packages/units/pages/register/index?${query({ communityId })}`,
  /** A community's demand board, claiming for one of the caller's units. */
  unitDemands: (communityId: string, unitId: string) => `/packages/units/pages/demands/index?${query({ communityId, unitId })}`,
  unitResources: (communityId: string) => `/packages/units/pages/resources/index?${query({ communityId })}`,
  unitWorkspace: (unitId?: string) => `/packages/units/pages/workspace/index${unitId ? `?${query({ unitId })}` : ''}`,
  unitShowcase: (communityId: string) => `/packages/units/pages/showcase/index?${query({ communityId })}`,
  venues: '/packages/venues/pages/index/index',
  venueDetail: (venueId: string) => `/packages/venues/pages/detail/index?${query({ id: venueId })}`,
  myBookings: '/packages/venues/pages/mine/index',
  staffVenues: (communityId: string) => `/packages/venues/pages/manage/index?${query({ communityId })}`,
  staffVenueDay: (communityId: string) => `/packages/venues/pages/day/index?${query({ communityId })}`,
} as const
