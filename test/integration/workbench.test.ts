import { instrumentDatabase, newMeter } from '../../cloudfunctions/lib/db/instrument'
import { workbench } from '../../cloudfunctions/lib/dashboard/workbench'
import type { ActionContext } from '../../cloudfunctions/lib/runtime/action'
import { chinaYear } from '../../cloudfunctions/lib/shared/china-time'
import { allDocs, codeOf, startTestServer, type TestServer } from '../helpers/server'

describe('communities.workbench: what waits for staff, in one call', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.stop())

  it('should count every waiting queue of the community as its own list would', async () => {
    const staff = await server.as('demo-staff')
    const counts = await staff.ok('communities', 'workbench', { communityId: 'c-xingfu' })
    const mine = async (collection: string) => (await allDocs<any>(server, collection)).filter((doc) => doc.communityId === 'c-xingfu')
    const year = chinaYear(new Date())
    expect(counts).toEqual({
      wishReview: (await mine('wishes')).filter((doc) => doc.status === 'pending').length,
      suggestions: (await mine('suggestions')).filter((doc) => ['submitted', 'accepted', 'assigned'].includes(doc.status)).length,
      memberReports: (await mine('memberReports')).filter((doc) => doc.year === year && doc.status === 'submitted').length,
      bookings: (await mine('bookings')).filter((doc) => doc.status === 'pending').length,
      pickups: (await mine('redemptions')).filter((doc) => doc.status === 'held').length,
      commitments: (await mine('commitments')).filter((doc) => doc.year === year && ['proposed', 'completed'].includes(doc.status)).length,
    })
    // The demo has work waiting, so the figures are not trivially zero.
    expect(counts.suggestions + counts.wishReview + counts.pickups).toBeGreaterThan(0)
  })

  it('should refuse anyone but staff of the community', async () => {
    const [resident, hexieStaff] = await Promise.all([server.as('demo-resident'), server.as('demo-staff-hexie')])
    expect(codeOf(await resident.call('communities', 'workbench', { communityId: 'c-xingfu' }))).toBe('FORBIDDEN')
    expect(codeOf(await hexieStaff.call('communities', 'workbench', { communityId: 'c-xingfu' }))).toBe('FORBIDDEN')
    expect(codeOf(await (await server.as('demo-staff')).call('communities', 'workbench', { communityId: 'c-xingfu', extra: 1 }))).toBe('VALIDATION_FAILED')
  })

  it('should cost one wave of round trips, the counts sent together', async () => {
    const meter = newMeter()
    const db = instrumentDatabase(server.db, { meter })
    const community = (await server.db.collection('communities').doc('c-xingfu').get()).data[0]
    await workbench({ communityId: 'c-xingfu' }, { db, community, now: () => new Date() } as unknown as ActionContext)
    console.log('communities.workbench round trips:', { calls: meter.calls, waves: meter.waves })
    expect(meter.calls).toBe(6)
    expect(meter.waves).toBe(1)
  })
})
