import type { ActionNames, InputOf, OutputOf } from '../../cloudfunctions/lib/runtime/client-types'
import type { ActivitiesFunction } from '../../cloudfunctions/activities/index'
import type { CommunitiesFunction } from '../../cloudfunctions/communities/index'
import type { UsersFunction } from '../../cloudfunctions/users/index'
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
  } satisfies ClientOf<CommunitiesFunction>,
  activities: {
    list: action<ActivitiesFunction, 'list'>('activities', 'list'),
  } satisfies ClientOf<ActivitiesFunction>,
  wishes: {
    wall: action<WishesFunction, 'wall'>('wishes', 'wall'),
  } satisfies ClientOf<WishesFunction>,
}

/** Shapes the pages render, named once here instead of re-derived in every page. */
export type Me = OutputOf<UsersFunction, 'me'>
export type MeUser = NonNullable<Me['user']>
export type MemberRow = OutputOf<UsersFunction, 'list'>['items'][number]
export type DistrictTree = OutputOf<CommunitiesFunction, 'list'>['districts']
export type Overview = OutputOf<CommunitiesFunction, 'overview'>
export type ActivityCard = OutputOf<ActivitiesFunction, 'list'>['items'][number]
export type ActivityType = ActivityCard['type']
export type WishCard = OutputOf<WishesFunction, 'wall'>['items'][number]
export type WishCategory = NonNullable<InputOf<WishesFunction, 'wall'>['category']>
