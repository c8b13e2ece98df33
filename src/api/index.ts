import type { ActionNames, InputOf, OutputOf } from '../../cloudfunctions/lib/runtime/client-types'
import type { ActivitiesFunction } from '../../cloudfunctions/activities/index'
import type { AnnouncementsFunction } from '../../cloudfunctions/announcements/index'
import type { CommunitiesFunction } from '../../cloudfunctions/communities/index'
import type { DashboardFunction } from '../../cloudfunctions/dashboard/index'
import type { HonoursFunction } from '../../cloudfunctions/honours/index'
import type { TeamsFunction } from '../../cloudfunctions/teams/index'
import type { MembersFunction } from '../../cloudfunctions/members/index'
import type { PointsFunction } from '../../cloudfunctions/points/index'
import type { RemindersFunction } from '../../cloudfunctions/reminders/index'
import type { ShopFunction } from '../../cloudfunctions/shop/index'
import type { SuggestionsFunction } from '../../cloudfunctions/suggestions/index'
import type { UnitsFunction } from '../../cloudfunctions/units/index'
import type { UsersFunction } from '../../cloudfunctions/users/index'
import type { VenuesFunction } from '../../cloudfunctions/venues/index'
import type { WishesFunction } from '../../cloudfunctions/wishes/index'
import { invoke, type FunctionName } from './transport'

export { ApiError } from './envelope'
export type { ApiErrorCode } from './envelope'

/** An action whose input may be empty can be called without an argument: `api.users.me()`. */
type Args<I> = {} extends I ? [input?: I] : [input: I]

export type Call<F, K extends ActionNames<F>> = (...args: Args<InputOf<F, K>>) => Promise<OutputOf<F, K>>

/**
 * One typed call per back-end action. Input and output types come from the
 * function's own definition, so renaming a field there fails `tsc` here.
 */
function action<F, K extends ActionNames<F>>(fn: FunctionName, name: K): Call<F, K> {
  return (...args) => invoke<OutputOf<F, K>>(fn, name, args[0] ?? {})
}

/** Every action of a function, no more and no less: an action added there and missing here fails `tsc`. */
type ClientOf<F> = { [K in ActionNames<F>]: Call<F, K> }

export const api = {
  members: {
    submit: action<MembersFunction, 'submit'>('members', 'submit'),
    mine: action<MembersFunction, 'mine'>('members', 'mine'),
    detail: action<MembersFunction, 'detail'>('members', 'detail'),
    confirm: action<MembersFunction, 'confirm'>('members', 'confirm'),
    return: action<MembersFunction, 'return'>('members', 'return'),
    withdraw: action<MembersFunction, 'withdraw'>('members', 'withdraw'),
    roster: action<MembersFunction, 'roster'>('members', 'roster'),
    notReported: action<MembersFunction, 'notReported'>('members', 'notReported'),
    exportRoster: action<MembersFunction, 'exportRoster'>('members', 'exportRoster'),
  } satisfies ClientOf<MembersFunction>,
  announcements: {
    list: action<AnnouncementsFunction, 'list'>('announcements', 'list'),
    detail: action<AnnouncementsFunction, 'detail'>('announcements', 'detail'),
    publish: action<AnnouncementsFunction, 'publish'>('announcements', 'publish'),
    update: action<AnnouncementsFunction, 'update'>('announcements', 'update'),
    withdraw: action<AnnouncementsFunction, 'withdraw'>('announcements', 'withdraw'),
    pin: action<AnnouncementsFunction, 'pin'>('announcements', 'pin'),
  } satisfies ClientOf<AnnouncementsFunction>,
  users: {
    me: action<UsersFunction, 'me'>('users', 'me'),
    register: action<UsersFunction, 'register'>('users', 'register'),
    updateProfile: action<UsersFunction, 'updateProfile'>('users', 'updateProfile'),
    grantRole: action<UsersFunction, 'grantRole'>('users', 'grantRole'),
    revokeRole: action<UsersFunction, 'revokeRole'>('users', 'revokeRole'),
    list: action<UsersFunction, 'list'>('users', 'list'),
    profile: action<UsersFunction, 'profile'>('users', 'profile'),
  } satisfies ClientOf<UsersFunction>,
  communities: {
    list: action<CommunitiesFunction, 'list'>('communities', 'list'),
    overview: action<CommunitiesFunction, 'overview'>('communities', 'overview'),
    settings: action<CommunitiesFunction, 'settings'>('communities', 'settings'),
    updateSettings: action<CommunitiesFunction, 'updateSettings'>('communities', 'updateSettings'),
    workbench: action<CommunitiesFunction, 'workbench'>('communities', 'workbench'),
  } satisfies ClientOf<CommunitiesFunction>,
  activities: {
    list: action<ActivitiesFunction, 'list'>('activities', 'list'),
    detail: action<ActivitiesFunction, 'detail'>('activities', 'detail'),
    publish: action<ActivitiesFunction, 'publish'>('activities', 'publish'),
    update: action<ActivitiesFunction, 'update'>('activities', 'update'),
    cancel: action<ActivitiesFunction, 'cancel'>('activities', 'cancel'),
    signup: action<ActivitiesFunction, 'signup'>('activities', 'signup'),
    withdraw: action<ActivitiesFunction, 'withdraw'>('activities', 'withdraw'),
    cantCome: action<ActivitiesFunction, 'cantCome'>('activities', 'cantCome'),
    joinWaitlist: action<ActivitiesFunction, 'joinWaitlist'>('activities', 'joinWaitlist'),
    leaveWaitlist: action<ActivitiesFunction, 'leaveWaitlist'>('activities', 'leaveWaitlist'),
    waitlist: action<ActivitiesFunction, 'waitlist'>('activities', 'waitlist'),
    mine: action<ActivitiesFunction, 'mine'>('activities', 'mine'),
    checkinCode: action<ActivitiesFunction, 'checkinCode'>('activities', 'checkinCode'),
    checkin: action<ActivitiesFunction, 'checkin'>('activities', 'checkin'),
    checkout: action<ActivitiesFunction, 'checkout'>('activities', 'checkout'),
    recordAttendance: action<ActivitiesFunction, 'recordAttendance'>('activities', 'recordAttendance'),
    attendance: action<ActivitiesFunction, 'attendance'>('activities', 'attendance'),
    confirm: action<ActivitiesFunction, 'confirm'>('activities', 'confirm'),
    serviceRecord: action<ActivitiesFunction, 'serviceRecord'>('activities', 'serviceRecord'),
    exportServiceRecord: action<ActivitiesFunction, 'exportServiceRecord'>('activities', 'exportServiceRecord'),
  } satisfies ClientOf<ActivitiesFunction>,
  points: {
    balance: action<PointsFunction, 'balance'>('points', 'balance'),
    history: action<PointsFunction, 'history'>('points', 'history'),
    adjust: action<PointsFunction, 'adjust'>('points', 'adjust'),
    accounts: action<PointsFunction, 'accounts'>('points', 'accounts'),
  } satisfies ClientOf<PointsFunction>,
  shop: {
    items: action<ShopFunction, 'items'>('shop', 'items'),
    saveItem: action<ShopFunction, 'saveItem'>('shop', 'saveItem'),
    restock: action<ShopFunction, 'restock'>('shop', 'restock'),
    redeem: action<ShopFunction, 'redeem'>('shop', 'redeem'),
    myRedemptions: action<ShopFunction, 'myRedemptions'>('shop', 'myRedemptions'),
    cancel: action<ShopFunction, 'cancel'>('shop', 'cancel'),
    pickup: action<ShopFunction, 'pickup'>('shop', 'pickup'),
    redemptions: action<ShopFunction, 'redemptions'>('shop', 'redemptions'),
    expireDue: action<ShopFunction, 'expireDue'>('shop', 'expireDue'),
  } satisfies ClientOf<ShopFunction>,
  wishes: {
    post: action<WishesFunction, 'post'>('wishes', 'post'),
    postFor: action<WishesFunction, 'postFor'>('wishes', 'postFor'),
    edit: action<WishesFunction, 'edit'>('wishes', 'edit'),
    withdraw: action<WishesFunction, 'withdraw'>('wishes', 'withdraw'),
    review: action<WishesFunction, 'review'>('wishes', 'review'),
    reviewQueue: action<WishesFunction, 'reviewQueue'>('wishes', 'reviewQueue'),
    reviewContent: action<WishesFunction, 'reviewContent'>('wishes', 'reviewContent'),
    wall: action<WishesFunction, 'wall'>('wishes', 'wall'),
    detail: action<WishesFunction, 'detail'>('wishes', 'detail'),
    claim: action<WishesFunction, 'claim'>('wishes', 'claim'),
    release: action<WishesFunction, 'release'>('wishes', 'release'),
    fulfil: action<WishesFunction, 'fulfil'>('wishes', 'fulfil'),
    confirm: action<WishesFunction, 'confirm'>('wishes', 'confirm'),
    mine: action<WishesFunction, 'mine'>('wishes', 'mine'),
    myClaims: action<WishesFunction, 'myClaims'>('wishes', 'myClaims'),
    expireClaims: action<WishesFunction, 'expireClaims'>('wishes', 'expireClaims'),
  } satisfies ClientOf<WishesFunction>,
  suggestions: {
    submit: action<SuggestionsFunction, 'submit'>('suggestions', 'submit'),
    withdraw: action<SuggestionsFunction, 'withdraw'>('suggestions', 'withdraw'),
    rate: action<SuggestionsFunction, 'rate'>('suggestions', 'rate'),
    mine: action<SuggestionsFunction, 'mine'>('suggestions', 'mine'),
    detail: action<SuggestionsFunction, 'detail'>('suggestions', 'detail'),
    accept: action<SuggestionsFunction, 'accept'>('suggestions', 'accept'),
    decline: action<SuggestionsFunction, 'decline'>('suggestions', 'decline'),
    assign: action<SuggestionsFunction, 'assign'>('suggestions', 'assign'),
    reply: action<SuggestionsFunction, 'reply'>('suggestions', 'reply'),
    close: action<SuggestionsFunction, 'close'>('suggestions', 'close'),
    list: action<SuggestionsFunction, 'list'>('suggestions', 'list'),
    public: action<SuggestionsFunction, 'public'>('suggestions', 'public'),
  } satisfies ClientOf<SuggestionsFunction>,
  reminders: {
    mine: action<RemindersFunction, 'mine'>('reminders', 'mine'),
    outbox: action<RemindersFunction, 'outbox'>('reminders', 'outbox'),
  } satisfies ClientOf<RemindersFunction>,
  units: {
    list: action<UnitsFunction, 'list'>('units', 'list'),
    detail: action<UnitsFunction, 'detail'>('units', 'detail'),
    register: action<UnitsFunction, 'register'>('units', 'register'),
    pair: action<UnitsFunction, 'pair'>('units', 'pair'),
    suspend: action<UnitsFunction, 'suspend'>('units', 'suspend'),
    reinstate: action<UnitsFunction, 'reinstate'>('units', 'reinstate'),
    createInvite: action<UnitsFunction, 'createInvite'>('units', 'createInvite'),
    join: action<UnitsFunction, 'join'>('units', 'join'),
    proposeCommitment: action<UnitsFunction, 'proposeCommitment'>('units', 'proposeCommitment'),
    agreeCommitment: action<UnitsFunction, 'agreeCommitment'>('units', 'agreeCommitment'),
    progressCommitment: action<UnitsFunction, 'progressCommitment'>('units', 'progressCommitment'),
    completeCommitment: action<UnitsFunction, 'completeCommitment'>('units', 'completeCommitment'),
    verifyCommitment: action<UnitsFunction, 'verifyCommitment'>('units', 'verifyCommitment'),
    withdrawCommitment: action<UnitsFunction, 'withdrawCommitment'>('units', 'withdrawCommitment'),
    commitments: action<UnitsFunction, 'commitments'>('units', 'commitments'),
    publishDemand: action<UnitsFunction, 'publishDemand'>('units', 'publishDemand'),
    demands: action<UnitsFunction, 'demands'>('units', 'demands'),
    claimDemand: action<UnitsFunction, 'claimDemand'>('units', 'claimDemand'),
    completeDemand: action<UnitsFunction, 'completeDemand'>('units', 'completeDemand'),
    cancelDemand: action<UnitsFunction, 'cancelDemand'>('units', 'cancelDemand'),
    publishResource: action<UnitsFunction, 'publishResource'>('units', 'publishResource'),
    resources: action<UnitsFunction, 'resources'>('units', 'resources'),
    reviewResource: action<UnitsFunction, 'reviewResource'>('units', 'reviewResource'),
    requestResource: action<UnitsFunction, 'requestResource'>('units', 'requestResource'),
    answerRequest: action<UnitsFunction, 'answerRequest'>('units', 'answerRequest'),
    fulfilRequest: action<UnitsFunction, 'fulfilRequest'>('units', 'fulfilRequest'),
    resourceRequests: action<UnitsFunction, 'resourceRequests'>('units', 'resourceRequests'),
    rateCommitment: action<UnitsFunction, 'rateCommitment'>('units', 'rateCommitment'),
    report: action<UnitsFunction, 'report'>('units', 'report'),
    exportReport: action<UnitsFunction, 'exportReport'>('units', 'exportReport'),
    showcase: action<UnitsFunction, 'showcase'>('units', 'showcase'),
  } satisfies ClientOf<UnitsFunction>,
  dashboard: {
    overview: action<DashboardFunction, 'overview'>('dashboard', 'overview'),
    export: action<DashboardFunction, 'export'>('dashboard', 'export'),
    volunteers: action<DashboardFunction, 'volunteers'>('dashboard', 'volunteers'),
  } satisfies ClientOf<DashboardFunction>,
  venues: {
    list: action<VenuesFunction, 'list'>('venues', 'list'),
    detail: action<VenuesFunction, 'detail'>('venues', 'detail'),
    save: action<VenuesFunction, 'save'>('venues', 'save'),
    close: action<VenuesFunction, 'close'>('venues', 'close'),
    reopen: action<VenuesFunction, 'reopen'>('venues', 'reopen'),
    book: action<VenuesFunction, 'book'>('venues', 'book'),
    cancel: action<VenuesFunction, 'cancel'>('venues', 'cancel'),
    approve: action<VenuesFunction, 'approve'>('venues', 'approve'),
    refuse: action<VenuesFunction, 'refuse'>('venues', 'refuse'),
    mine: action<VenuesFunction, 'mine'>('venues', 'mine'),
    day: action<VenuesFunction, 'day'>('venues', 'day'),
    bookings: action<VenuesFunction, 'bookings'>('venues', 'bookings'),
  } satisfies ClientOf<VenuesFunction>,
  teams: {
    create: action<TeamsFunction, 'create'>('teams', 'create'),
    update: action<TeamsFunction, 'update'>('teams', 'update'),
    list: action<TeamsFunction, 'list'>('teams', 'list'),
    detail: action<TeamsFunction, 'detail'>('teams', 'detail'),
    mine: action<TeamsFunction, 'mine'>('teams', 'mine'),
    apply: action<TeamsFunction, 'apply'>('teams', 'apply'),
    leave: action<TeamsFunction, 'leave'>('teams', 'leave'),
    review: action<TeamsFunction, 'review'>('teams', 'review'),
    addMember: action<TeamsFunction, 'addMember'>('teams', 'addMember'),
    removeMember: action<TeamsFunction, 'removeMember'>('teams', 'removeMember'),
    exportLedger: action<TeamsFunction, 'exportLedger'>('teams', 'exportLedger'),
  } satisfies ClientOf<TeamsFunction>,
  honours: {
    mine: action<HonoursFunction, 'mine'>('honours', 'mine'),
    setPreferences: action<HonoursFunction, 'setPreferences'>('honours', 'setPreferences'),
    leaderboard: action<HonoursFunction, 'leaderboard'>('honours', 'leaderboard'),
    name: action<HonoursFunction, 'name'>('honours', 'name'),
    list: action<HonoursFunction, 'list'>('honours', 'list'),
  } satisfies ClientOf<HonoursFunction>,
}

/**
 * points.adjust is applied once per request id (its entry key is
 * `adjust:<staff>:<requestId>`). A retry of the same correction (an answer
 * lost on a bad network, a second tap) must send the same id, so the page
 * keeps it until the correction is known to be done.
 */
export const adjustPointsOnce = (input: InputOf<PointsFunction, 'adjust'>, requestId: string): Promise<OutputOf<PointsFunction, 'adjust'>> =>
  invoke<OutputOf<PointsFunction, 'adjust'>>('points', 'adjust', input, requestId)

export { newRequestId } from './envelope'

/** Shapes the pages render, named once here instead of re-derived in every page. */
export type Me = OutputOf<UsersFunction, 'me'>
export type AnnouncementCard = Overview['announcements'][number]
export type AnnouncementView = OutputOf<AnnouncementsFunction, 'detail'>
export type AnnouncementKind = AnnouncementCard['kind']
export type MyMemberReport = OutputOf<MembersFunction, 'mine'>
export type MemberReport = OutputOf<MembersFunction, 'detail'>
export type RosterRow = OutputOf<MembersFunction, 'roster'>['items'][number]
export type MemberReportStatus = MemberReport['status']
export type NotReportedRow = OutputOf<MembersFunction, 'notReported'>['items'][number]
export type MeUser = NonNullable<Me['user']>
export type MemberRow = OutputOf<UsersFunction, 'list'>['items'][number]
export type DistrictTree = OutputOf<CommunitiesFunction, 'list'>['districts']
export type Overview = OutputOf<CommunitiesFunction, 'overview'>
export type ActivityCard = OutputOf<ActivitiesFunction, 'list'>['items'][number]
export type ActivityType = ActivityCard['type']
export type WishCard = OutputOf<WishesFunction, 'wall'>['items'][number]
export type WishCategory = NonNullable<InputOf<WishesFunction, 'wall'>['category']>
export type WishDetail = OutputOf<WishesFunction, 'detail'>
export type WishStatus = WishDetail['status']
export type MyWish = OutputOf<WishesFunction, 'mine'>['items'][number]
export type MyClaim = OutputOf<WishesFunction, 'myClaims'>['items'][number]
export type ClaimStatus = MyClaim['status']
export type StaffWish = OutputOf<WishesFunction, 'reviewQueue'>['items'][number]

export type ActivityDetail = OutputOf<ActivitiesFunction, 'detail'>
export type MyEnrollment = NonNullable<ActivityDetail['myEnrollment']>
export type EnrollmentView = OutputOf<ActivitiesFunction, 'signup'>
export type EnrollmentStatus = EnrollmentView['status']
export type PublishInput = InputOf<ActivitiesFunction, 'publish'>
export type PointsRuleKind = PublishInput['pointsRule']['kind']
export type CheckinCode = OutputOf<ActivitiesFunction, 'checkinCode'>
export type AttendanceRow = OutputOf<ActivitiesFunction, 'attendance'>['items'][number]
export type WorkbenchCounts = OutputOf<CommunitiesFunction, 'workbench'>
export type ConfirmResult = OutputOf<ActivitiesFunction, 'confirm'>['results'][number]
export type ServiceRecordRow = OutputOf<ActivitiesFunction, 'serviceRecord'>['items'][number]
export type Balance = OutputOf<PointsFunction, 'balance'>
export type HistoryEntry = OutputOf<PointsFunction, 'history'>['items'][number]
export type EntryKind = HistoryEntry['kind']
export type PointsAccountRow = OutputOf<PointsFunction, 'accounts'>['items'][number]
export type ShopItem = OutputOf<ShopFunction, 'items'>['items'][number]
export type Redemption = OutputOf<ShopFunction, 'redeem'>
export type RedemptionStatus = Redemption['status']
export type StaffRedemption = OutputOf<ShopFunction, 'redemptions'>['items'][number]
export type VenueCard = OutputOf<VenuesFunction, 'list'>[number]
export type VenueDetail = OutputOf<VenuesFunction, 'detail'>
export type VenueSlot = VenueDetail['slots'][number]
export type VenueInput = InputOf<VenuesFunction, 'save'>
export type MyBooking = OutputOf<VenuesFunction, 'mine'>['items'][number]
export type BookingStatus = MyBooking['status']
export type StaffBooking = OutputOf<VenuesFunction, 'bookings'>['items'][number]
export type VenueDay = OutputOf<VenuesFunction, 'day'>
export type PickedUp = OutputOf<ShopFunction, 'pickup'>
export type ReminderItem = OutputOf<RemindersFunction, 'mine'>['items'][number]
export type OutboxItem = OutputOf<RemindersFunction, 'outbox'>['items'][number]
export type ReminderStatus = OutboxItem['status']
