import type { UnitDoc } from '../../cloudfunctions/lib/units/model'
import { roleDocId, type RoleDoc } from '../../cloudfunctions/lib/users/model'
import { claimDocId, type ClaimDoc, type ClaimStatus, type WishDoc, type WishStatus } from '../../cloudfunctions/lib/wishes/model'
import type { Client, TestServer } from '../helpers/server'
import { addPerson } from './points-fixtures'

const DAY = 24 * 3600 * 1000

let wishCounter = 0

/** The claim status that goes with each wish status, for wishes written straight into the engine. */
const claimStatusFor: Partial<Record<WishStatus, ClaimStatus>> = { claimed: 'active', fulfilled: 'fulfilled', confirmed: 'confirmed' }

/**
 * A wish of 刘秀英 (u-resident) in c-xingfu in any status; claimed, fulfilled
 * and confirmed ones carry a claim by 张伟 (u-member), due `dueInMs` from now.
 */
export async function addWish(
  server: TestServer,
  status: WishStatus,
  options: { wisherId?: string | null; claimerId?: string; claimerName?: string; dueInMs?: number; beneficiary?: WishDoc['beneficiary'] } = {},
): Promise<string> {
  wishCounter += 1
  const wishId = `w-test-${wishCounter}`
  const now = new Date()
  const claimStatus = claimStatusFor[status]
  const claimId = claimStatus ? claimDocId(wishId, 1) : null
  const dueAt = new Date(now.getTime() + (options.dueInMs ?? 14 * DAY))
  const wisherId = options.wisherId === undefined ? 'u-resident' : options.wisherId
  await server.db.collection<WishDoc>('wishes').add({
    _id: wishId,
    communityId: 'c-xingfu',
    wisherId,
    beneficiary: options.beneficiary ?? { name: '刘秀英', phone: '13800000001', address: '幸福小区 3 栋 2 单元 101' },
    title: `测试心愿 ${wishCounter}`,
    story: '想请人帮帮忙',
    category: '其他',
    photos: [],
    wishedBy: null,
    status,
    rejectReason: '',
    withdrawReason: '',
    claimId,
    claimDueAt: status === 'claimed' ? dueAt : null,
    claimCount: claimId ? 1 : 0,
    fulfilment: status === 'fulfilled' || status === 'confirmed' ? { note: '已送到', photos: [], at: now } : null,
    confirmation: null,
    postedBy: wisherId ?? 'u-staff',
    createdAt: now,
    updatedAt: now,
  })
  if (claimId && claimStatus) {
    await server.db.collection<ClaimDoc>('claims').add({
      _id: claimId,
      wishId,
      communityId: 'c-xingfu',
      claimerType: 'member',
      claimerId: options.claimerId ?? 'u-member',
      claimerName: options.claimerName ?? '张伟',
      actorId: options.claimerId ?? 'u-member',
      status: claimStatus,
      dueAt,
      releaseReason: '',
      createdAt: now,
      closedAt: null,
    })
  }
  return wishId
}

export async function wishDoc(server: TestServer, wishId: string): Promise<WishDoc> {
  return (await server.db.collection<WishDoc>('wishes').doc(wishId).get()).data[0]
}

export async function claimsOf(server: TestServer, wishId: string): Promise<ClaimDoc[]> {
  return (await server.db.collection<ClaimDoc>('claims').where({ wishId }).orderBy('createdAt', 'asc').limit(1000).get()).data
}

/** A unit signed with c-xingfu and its liaison (a registered person of c-xingfu with no member role). */
export async function addUnitLiaison(server: TestServer, userId: string, unitId: string, unitName = `共建单位 ${unitId}`): Promise<Client> {
  const now = new Date()
  await server.db.collection<UnitDoc>('units').add({
    _id: unitId,
    name: unitName,
    kind: '企事业单位',
    partyOrg: `${unitName}党支部`,
    contact: { name: '联络员', phone: '13900000000' },
    address: '和平街道',
    communityIds: ['c-xingfu'],
    status: 'active',
    createdAt: now,
  })
  const client = await addPerson(server, userId, { roles: [], name: '单位联络员' })
  await server.db.collection<RoleDoc>('roles').add({ _id: roleDocId(unitId, userId, 'liaison'), userId, role: 'liaison', scopeId: unitId, grantedBy: 'test', createdAt: now })
  return client
}
