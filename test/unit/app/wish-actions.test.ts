import { offeredActions, type Roles } from '@/packages/wishes/pages/detail/actions'

type Mine = Parameters<typeof offeredActions>[0]['mine']
const none: Mine = { isWisher: false, isClaimer: false, canClaim: false, canRelease: false, canFulfil: false, canConfirm: false }
const resident: Roles = { isMember: false, isLiaison: false, isStaff: false }
const member: Roles = { ...resident, isMember: true }
const liaison: Roles = { ...resident, isLiaison: true }
const staff: Roles = { ...resident, isStaff: true }

describe('offeredActions', () => {
  it('should offer a member the claim of an open wish as a person only', () => {
    expect(offeredActions({ status: 'open', mine: { ...none, canClaim: true } }, member)).toEqual(['claim'])
  })

  it('should offer a liaison who is not a member only the claim for their unit', () => {
    expect(offeredActions({ status: 'open', mine: { ...none, canClaim: true } }, liaison)).toEqual(['claimAsUnit'])
  })

  it('should offer a liaison who is also a member both claims, the personal one first', () => {
    expect(offeredActions({ status: 'open', mine: { ...none, canClaim: true } }, { ...member, isLiaison: true })).toEqual(['claim', 'claimAsUnit'])
  })

  it('should offer the active claimer fulfil before release, and nothing to claim', () => {
    expect(offeredActions({ status: 'claimed', mine: { ...none, isClaimer: true, canFulfil: true, canRelease: true } }, member)).toEqual(['fulfil', 'release'])
  })

  it('should offer confirmation only when the server allows it', () => {
    expect(offeredActions({ status: 'fulfilled', mine: { ...none, isWisher: true, canConfirm: true } }, resident)).toEqual(['confirm'])
    expect(offeredActions({ status: 'fulfilled', mine: { ...none, isClaimer: true } }, member)).toEqual([])
  })

  it('should let the wisher edit and withdraw until the wish is claimed, and not after', () => {
    expect(offeredActions({ status: 'pending', mine: { ...none, isWisher: true } }, resident)).toEqual(['edit', 'withdraw'])
    expect(offeredActions({ status: 'open', mine: { ...none, isWisher: true } }, resident)).toEqual(['edit', 'withdraw'])
    expect(offeredActions({ status: 'claimed', mine: { ...none, isWisher: true } }, resident)).toEqual([])
  })

  it('should let staff withdraw an unclaimed wish but not edit someone else’s', () => {
    expect(offeredActions({ status: 'open', mine: none }, staff)).toEqual(['withdraw'])
  })

  it('should offer staff the review of a pending wish first, and nobody else', () => {
    expect(offeredActions({ status: 'pending', mine: none }, staff)).toEqual(['approve', 'reject', 'withdraw'])
    expect(offeredActions({ status: 'pending', mine: { ...none, isWisher: true } }, member)).toEqual(['edit', 'withdraw'])
  })

  it('should offer a plain resident nothing on someone else’s open wish', () => {
    expect(offeredActions({ status: 'open', mine: none }, resident)).toEqual([])
  })
})
