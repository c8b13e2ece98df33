import type { Database } from '../db/types'
import { agreementId, type AgreementDoc } from '../units/model'

const DAY = 24 * 60 * 60 * 1000

/** Co-building agreements for the seeded units, signed at the start of the year. */
export async function seedUnits(db: Database, now: Date): Promise<void> {
  const signedAt = new Date(now.getTime() - 60 * DAY)
  const pairs: Array<[unitId: string, communityId: string]> = [
    ['unit-school', 'c-xingfu'],
    ['unit-power', 'c-xingfu'],
    ['unit-power', 'c-hexie'],
    ['unit-tax', 'c-hexie'],
  ]
  for (const [unitId, communityId] of pairs) {
    await db.collection<AgreementDoc>('agreements').add({
      _id: agreementId(unitId, communityId),
      unitId,
      communityId,
      signedAt,
      status: 'active',
      reason: '',
      createdBy: 'u-staff',
      createdAt: signedAt,
      updatedAt: signedAt,
    })
  }
}
