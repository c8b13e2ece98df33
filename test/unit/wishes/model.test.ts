import { publicClaimer, toMyWish, toStaffWish, toWishCard, type WishDoc } from '../../../cloudfunctions/lib/wishes/model'
import { photoId } from '../../../cloudfunctions/lib/shared/schemas'
import { claimDays, isOverdue, wishPoints } from '../../../cloudfunctions/lib/wishes/transitions'

const now = new Date('2026-05-01T00:00:00Z')

const wish: WishDoc = {
  _id: 'w-1',
  communityId: 'c-1',
  wisherId: 'u-1',
  beneficiary: { name: '欧阳明华', phone: '13900000011', address: '幸福小区 2 栋' },
  title: '想要一个书包',
  story: '谢谢',
  category: '学习用品',
  photos: [],
  wishedBy: null,
  status: 'confirmed',
  rejectReason: '',
  withdrawReason: '',
  claimId: 'w-1:1',
  claimDueAt: null,
  claimCount: 1,
  fulfilment: { note: '送到了', photos: [], at: now },
  confirmation: { rating: 5, comment: '', story: '谢谢', at: now, by: 'u-1' },
  postedBy: 'u-1',
  createdAt: now,
  updatedAt: now,
}

describe('wish views', () => {
  it('should keep the beneficiary out of the card and the wisher view, and in the staff view', () => {
    for (const view of [toWishCard(wish), toMyWish(wish)]) {
      const text = JSON.stringify(view)
      for (const secret of ['欧阳明华', '13900000011', '幸福小区']) expect(text).not.toContain(secret)
    }
    expect(toWishCard(wish).wisherMasked).toBe('欧**华')
    expect(toMyWish(wish).confirmation).not.toHaveProperty('by')
    expect(toStaffWish(wish).beneficiary).toEqual(wish.beneficiary)
  })

  it('should mask a person who helped and name a unit in full', () => {
    expect(publicClaimer({ claimerType: 'member', claimerName: '张伟' })).toEqual({ type: 'member', name: '张*' })
    expect(publicClaimer({ claimerType: 'unit', claimerName: '第一实验小学' })).toEqual({ type: 'unit', name: '第一实验小学' })
  })
})

describe('wish rules', () => {
  it.each([
    [`/uploads/${'0f'.repeat(16)}.jpg`, true],
    [`/uploads/${'0f'.repeat(16)}.webp`, true],
    ['cloud://env-1.7465/wishes/a.png', true],
    [`/uploads/${'0f'.repeat(16)}.svg`, false],
    [`/uploads/${'0F'.repeat(16)}.jpg`, false],
    ['/uploads/../secret.jpg', false],
    ['https://example.com/a.jpg', false],
    ['cloud://', false],
  ])('should judge photo %s as %s', (value, ok) => {
    expect(photoId.safeParse(value).success).toBe(ok)
  })

  it.each([
    [undefined, 14],
    [{ claimDays: 3 }, 3],
    [{ claimDays: 0 }, 14],
    [{ claimDays: 1.5 }, 14],
    [{ claimDays: '7' }, 14],
  ])('should read settings %j as a claim period of %i days', (settings, days) => {
    expect(claimDays({ _id: 'c', districtId: 'd', name: '社区', address: '', createdAt: now, ...(settings ? { settings } : {}) } as never)).toBe(days)
  })

  it.each([
    [undefined, 10],
    [{ wishPoints: 0 }, 0],
    [{ wishPoints: 25 }, 25],
    [{ wishPoints: -5 }, 10],
  ])('should read settings %j as %i wish points', (settings, points) => {
    expect(wishPoints({ _id: 'c', districtId: 'd', name: '社区', address: '', createdAt: now, ...(settings ? { settings } : {}) } as never)).toBe(points)
  })

  it('should count a claim overdue from its due instant, and only while claimed', () => {
    const due = new Date(now.getTime() + 1000)
    expect(isOverdue({ status: 'claimed', claimDueAt: due }, now)).toBe(false)
    expect(isOverdue({ status: 'claimed', claimDueAt: due }, due)).toBe(true)
    expect(isOverdue({ status: 'fulfilled', claimDueAt: due }, new Date(due.getTime() + 1))).toBe(false)
    expect(isOverdue({ status: 'claimed', claimDueAt: null }, due)).toBe(false)
  })
})
