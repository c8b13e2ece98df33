/**
 * The demand-claim part of `npm run audit`: what `claimDemand` promises
 * under races, checked on the stored data.
 *
 * - a demand holds at most `maxClaims` claims, from distinct units, and is
 *   `claimed` exactly when it holds `maxClaims` (while open or claimed);
 * - each claim names exactly one commitment, of the claiming unit, linked
 *   back to the demand; no commitment linked to a demand without a claim naming it.
 */
import type { Database } from '../db/types'
import { scan } from '../points/audit'
import type { CommitmentDoc, DemandDoc } from './model'

export interface DemandAudit {
  checked: { demands: number; linkedCommitments: number }
  problems: string[]
}

export async function auditDemandClaims(db: Database): Promise<DemandAudit> {
  const problems: string[] = []
  const checked = { demands: 0, linkedCommitments: 0 }
  // commitmentId → its demand and unit, for every commitment that answers a demand.
  const linked = new Map<string, { demandId: string; unitId: string }>()
  for await (const commitment of scan<CommitmentDoc>(db, 'commitments')) {
    if (!commitment.demandId) continue
    checked.linkedCommitments += 1
    linked.set(commitment._id, { demandId: commitment.demandId, unitId: commitment.unitId })
  }
  const named = new Set<string>()
  for await (const demand of scan<DemandDoc>(db, 'demands')) {
    checked.demands += 1
    const name = `demand ${demand._id}`
    const { claims, maxClaims } = demand
    if (claims.length > maxClaims) problems.push(`${name}: ${claims.length} claims exceed maxClaims ${maxClaims}`)
    const units = claims.map((claim) => claim.unitId)
    if (new Set(units).size !== units.length) problems.push(`${name}: a unit claimed it more than once (${units.join(', ')})`)
    const full = claims.length >= maxClaims
    if (demand.status === 'claimed' && !full) problems.push(`${name} is claimed with ${claims.length} of ${maxClaims} claims`)
    if (demand.status === 'open' && full) problems.push(`${name} is open with ${claims.length} of ${maxClaims} claims`)
    for (const claim of claims) {
      if (named.has(claim.commitmentId)) problems.push(`${name}: commitment ${claim.commitmentId} is named by more than one claim`)
      named.add(claim.commitmentId)
      const commitment = linked.get(claim.commitmentId)
      if (!commitment) problems.push(`${name}: the claim of ${claim.unitId} has no linked commitment ${claim.commitmentId}`)
      else if (commitment.demandId !== demand._id || commitment.unitId !== claim.unitId) {
        problems.push(`${name}: commitment ${claim.commitmentId} belongs to demand ${commitment.demandId} and unit ${commitment.unitId}, not this claim of ${claim.unitId}`)
      }
    }
  }
  for (const [commitmentId, { demandId }] of linked) {
    if (!named.has(commitmentId)) problems.push(`commitment ${commitmentId} is linked to demand ${demandId} but no claim names it`)
  }
  return { checked, problems }
}
