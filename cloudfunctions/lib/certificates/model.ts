/**
 * 志愿服务记录证明 (民政部《志愿服务记录与证明出具办法（试行）》): a volunteer
 * asks, staff issue (or issue unasked), staff may revoke. What a certificate
 * states is fixed when it is issued (a snapshot): later corrections of hours
 * or a renamed community do not change a proof already handed out.
 */
import type { BaseDoc } from '../db/types'

export const certificateStatuses = ['requested', 'issued', 'rejected', 'revoked'] as const
export type CertificateStatus = (typeof certificateStatuses)[number]

export const certificateStatusLabels: Record<CertificateStatus, string> = {
  requested: '待出具',
  issued: '已出具',
  rejected: '未予出具',
  revoked: '已撤销',
}

/** A service period of Beijing days, both ends included; null is "all service". */
export interface CertificatePeriod {
  from: string
  to: string
}

export interface CertificateItem {
  activityId: string
  activityTitle: string
  /** The Beijing day the service began. */
  date: string
  hours: number
}

/** What the certificate states, fixed at issue. */
export interface CertificateSnapshot {
  name: string
  /** The ID number masked (110***********1234); '' when the volunteer entered none. The full number is never copied here. */
  idNumberMasked: string
  volunteerNo: string
  /** The issuing community's name. */
  issuer: string
  items: CertificateItem[]
  totalHours: number
}

export interface CertificateDoc extends BaseDoc {
  communityId: string
  userId: string
  status: CertificateStatus
  period: CertificatePeriod | null
  /** Who asked: the volunteer, or the staff member who issued unasked. */
  requestedBy: string
  requestedAt: Date
  note: string
  /** Set at issue; unique (see number.ts). */
  number: string | null
  issuedAt: Date | null
  issuedBy: string | null
  snapshot: CertificateSnapshot | null
  rejectedAt: Date | null
  revokedAt: Date | null
  revokedBy: string | null
  /** Why staff turned the request down or revoked the certificate. */
  reason: string
  createdAt: Date
  updatedAt: Date
}
