import { linksFor } from '@/pages/me/links'

const keys = (roles: string[]) => linksFor(roles.map((role) => ({ role }))).map((link) => link.key)

describe('我的服务 rows', () => {
  it('should not show a resident the rows only members fill: 我的活动, 志愿服务记录, 我的认领', () => {
    const resident = keys([])
    for (const key of ['activities', 'record', 'claims']) expect(resident).not.toContain(key)
    // What she does use stays, and so does 报到: reporting is how a party member becomes one.
    for (const key of ['messages', 'wishes', 'suggestions', 'bookings', 'member-report']) expect(resident).toContain(key)
  })

  it('should show a member every row, and a liaison the workspace first and 我的认领', () => {
    expect(keys(['member'])).toEqual(expect.arrayContaining(['activities', 'record', 'claims']))
    const liaison = keys(['liaison'])
    expect(liaison[0]).toBe('unit-workspace')
    expect(liaison).toContain('claims')
    expect(liaison).not.toContain('record')
  })
})
