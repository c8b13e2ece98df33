import { colors } from '@/constants/theme'
import type { api } from '@/api'
import { dayOf } from './pages/register/unit-form'

export type Commitment = Awaited<ReturnType<typeof api.units.commitments>>['items'][number]

/**
 * How the app shows a 承诺事项 (commitment). The states are those the units
 * function keeps (proposed → agreed → in_progress → completed → verified, or
 * withdrawn); 逾期 is derived from the deadline, never stored (the server
 * sends it as `overdue`; the rule here is the same one, for the tests).
 */
export type CommitmentStatus = Commitment['status']

/** The words the units function uses in its own messages, so a toast and a tag never disagree. */
export const commitmentStatusLabels: Record<CommitmentStatus, string> = {
  proposed: '待确认',
  agreed: '已确认',
  in_progress: '进行中',
  completed: '已完成',
  verified: '已验收',
  withdrawn: '已撤回',
}

/** Tag colours: finished work in green, open work in the party red, withdrawn in grey. */
export const commitmentStatusColors: Record<CommitmentStatus, string> = {
  proposed: '#d48806',
  agreed: '#c8161d',
  in_progress: '#c8161d',
  completed: '#1677ff',
  verified: colors.success,
  withdrawn: colors.muted,
}

const finished: ReadonlySet<CommitmentStatus> = new Set(['completed', 'verified', 'withdrawn'])

/** Past its deadline and not yet delivered (completed or verified) nor withdrawn. */
export function isOverdue(commitment: { status: CommitmentStatus; deadline?: string | null }, now: number): boolean {
  if (!commitment.deadline || finished.has(commitment.status)) return false
  return Date.parse(commitment.deadline) < now
}

/** The label a card shows: 逾期 wins over the stored state while the work is still open. */
export function commitmentPhaseLabel(commitment: { status: CommitmentStatus; deadline?: string | null }, now: number): string {
  return isOverdue(commitment, now) ? '已逾期' : commitmentStatusLabels[commitment.status]
}

/** What the caller is for the commitment's unit and community; the server checks again on every call. */
export interface UnitRoles {
  /** Staff or district admin of the commitment's community. */
  isStaff: boolean
  /** Liaison of the commitment's unit (not merely of some unit). */
  isLiaison: boolean
  /** A registered resident of the commitment's community (群众评议; once each, the server keeps count). */
  isResident?: boolean
}

export type CommitmentAction = 'agree' | 'progress' | 'complete' | 'verify' | 'withdraw' | 'rate'

/**
 * The buttons a commitment offers, in the order shown. Staff agree to a
 * proposal and verify delivered work; the unit's liaison records progress on
 * agreed work and completes work in progress with evidence; either side withdraws while the
 * work is not yet delivered; residents rate verified work.
 */
export function commitmentActions(status: CommitmentStatus, roles: UnitRoles): CommitmentAction[] {
  const actions: CommitmentAction[] = []
  if (roles.isStaff && status === 'proposed') actions.push('agree')
  if (roles.isLiaison && (status === 'agreed' || status === 'in_progress')) actions.push('progress')
  // Evidence closes work that has been under way: the first progress note moves it to in_progress.
  if (roles.isLiaison && status === 'in_progress') actions.push('complete')
  if (roles.isStaff && status === 'completed') actions.push('verify')
  if ((roles.isStaff || roles.isLiaison) && (status === 'proposed' || status === 'agreed' || status === 'in_progress')) actions.push('withdraw')
  if (roles.isResident && status === 'verified') actions.push('rate')
  return actions
}

/** A finished share of the year's commitments as the report states it: 50%, rounded to whole percent. */
export function formatRate(rate: number): string {
  if (!Number.isFinite(rate) || rate <= 0) return '0%'
  return `${Math.round(Math.min(rate, 1) * 100)}%`
}

/**
 * A month ahead, but within this year: the deadline's year is the commitment's
 * year, so a December proposal is not silently counted in next year's 台账.
 */
export const defaultDeadline = (today: Date): string => {
  const inAMonth = new Date(today.getTime() + 30 * 24 * 3600 * 1000)
  return dayOf(inAMonth.getFullYear() > today.getFullYear() ? new Date(today.getFullYear(), 11, 31) : inAMonth)
}

/**
 * 已完成 in the 共建台账, on the screen and in its Excel alike: every
 * commitment the unit has finished, verified by staff or still waiting for
 * it (completed + verified), with 已验收 shown as 其中 (a part of it).
 */
export const doneCount = (counts: { completed: number; verified: number }): number => counts.completed + counts.verified
