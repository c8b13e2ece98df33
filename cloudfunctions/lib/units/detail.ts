import type * as z from 'zod'
import type { ActionContext } from '../runtime/action'
import type { Page } from '../shared/schemas'
import { listCommitments, type CommitmentView } from './commitments'
import { listResources, type ResourceView } from './resources'
import { unitDetail, type detailInput, type UnitDetail } from './service'

/** How many commitments the unit page shows before the caller pages on with `units.commitments`. */
const FIRST_PAGE = 20

export interface UnitPage extends UnitDetail {
  /** The first page of `units.commitments` for this unit, with the same visibility rules. */
  commitments: Page<CommitmentView>
  resources: ResourceView[]
}

/** One unit's page: the unit, its commitments as the caller may see them, and its resources. */
export async function unitPage(input: z.output<typeof detailInput>, ctx: ActionContext): Promise<UnitPage> {
  const unit = await unitDetail(input, ctx)
  const [commitments, resources] = await Promise.all([
    listCommitments({ unitId: unit.id, page: 1, pageSize: FIRST_PAGE }, ctx),
    listResources({ unitId: unit.id }, ctx),
  ])
  return { ...unit, commitments, resources }
}
