import type { BaseDoc } from '../db/types'

export const unitKinds = ['机关', '企事业单位', '学校', '社会组织', '两新组织'] as const
export type UnitKind = (typeof unitKinds)[number]

export interface UnitDoc extends BaseDoc {
  name: string
  kind: UnitKind
  partyOrg: string
  contact: { name: string; phone: string }
  address: string
  /** Communities this unit has signed a co-building agreement with. */
  communityIds: string[]
  status: 'active' | 'suspended'
  createdAt: Date
}
