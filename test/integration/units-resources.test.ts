import { countAll, startTestServer, type Client, type TestServer } from '../helpers/server'

const venue = { unitId: 'unit-school', kind: '场地', title: '学校报告厅', description: '可容纳 200 人的报告厅', availability: '周末全天' }

describe('units: resources and ratings', () => {
  let server: TestServer
  let staff: Client
  let staffHexie: Client
  let liaison: Client
  let resident: Client
  let member: Client

  beforeAll(async () => {
    server = await startTestServer()
    ;[staff, staffHexie, liaison, resident, member] = await Promise.all(
      ['demo-staff', 'demo-staff-hexie', 'demo-liaison', 'demo-resident', 'demo-member'].map((openid) => server.as(openid)),
    )
  })
  afterAll(() => server.stop())

  it('should walk a resource from publication through request, acceptance and fulfilment', async () => {
    const resource = await liaison.ok('units', 'publishResource', venue)
    expect(resource).toMatchObject({ unitName: '第一实验小学', kind: '场地' })
    expect((await server.anonymous.ok('units', 'resources', { communityId: 'c-xingfu' })).map((item: { id: string }) => item.id)).toContain(resource.id)
    expect(await server.anonymous.ok('units', 'resources', { communityId: 'c-hexie' })).toEqual([])
    expect((await server.anonymous.ok('units', 'detail', { unitId: 'unit-school' })).resources).toEqual([expect.objectContaining({ id: resource.id })])

    const request = await staff.ok('units', 'requestResource', { resourceId: resource.id, communityId: 'c-xingfu', note: '七一党课借用' })
    expect(request).toMatchObject({ status: 'requested', resourceTitle: '学校报告厅', resourceKind: '场地', unitName: '第一实验小学', communityName: '幸福社区' })
    expect(await staff.call('units', 'fulfilRequest', { requestId: request.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } })
    expect((await liaison.ok('units', 'resourceRequests', { unitId: 'unit-school' })).map((item: { id: string }) => item.id)).toContain(request.id)
    expect(await liaison.ok('units', 'answerRequest', { requestId: request.id, accept: true, note: '7 月 1 日可用' })).toMatchObject({ status: 'accepted' })
    expect(await staff.ok('units', 'fulfilRequest', { requestId: request.id })).toMatchObject({ status: 'fulfilled' })
    expect(await staff.call('units', 'fulfilRequest', { requestId: request.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } })
  })

  it('should let exactly one of 20 racing answers land', async () => {
    const resource = await liaison.ok('units', 'publishResource', { ...venue, title: '操场' })
    const request = await staff.ok('units', 'requestResource', { resourceId: resource.id, communityId: 'c-xingfu', note: '运动会' })
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, n) => liaison.call('units', 'answerRequest', { requestId: request.id, accept: n % 2 === 0 })),
    )
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1)
    expect(answers.filter((answer) => !answer.ok).every((answer) => (answer as { error: { code: string } }).error.code === 'INVALID_STATE')).toBe(true)
  })

  it('should refuse a liaison publishing for or answering for another unit, and staff requesting for another community', async () => {
    const before = await countAll(server, ['resources', 'resourceRequests'])
    expect(await liaison.call('units', 'publishResource', { ...venue, unitId: 'unit-power' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await staff.call('units', 'publishResource', venue)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const resource = (await server.anonymous.ok('units', 'resources', { unitId: 'unit-school' }))[0]
    expect(await staffHexie.call('units', 'requestResource', { resourceId: resource.id, communityId: 'c-xingfu', note: '借用' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    // unit-school is not paired with c-hexie.
    expect(await staffHexie.call('units', 'requestResource', { resourceId: resource.id, communityId: 'c-hexie', note: '借用' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    })
    expect(await countAll(server, ['resources', 'resourceRequests'])).toEqual(before)

    const now = new Date()
    await server.db.collection('resources').add({ _id: 'r-power', unitId: 'unit-power', kind: '物资', title: '应急灯', description: '50 盏', availability: '随时', createdBy: 'u-staff', createdAt: now })
    const request = await staff.ok('units', 'requestResource', { resourceId: 'r-power', communityId: 'c-xingfu', note: '防汛' })
    expect(await liaison.call('units', 'answerRequest', { requestId: request.id, accept: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await staffHexie.call('units', 'fulfilRequest', { requestId: request.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await liaison.call('units', 'resourceRequests', { unitId: 'unit-power' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await resident.call('units', 'resourceRequests', { communityId: 'c-xingfu' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it.each([
    ['an unknown kind', { ...venue, kind: '房子' }],
    ['an empty title', { ...venue, title: ' ' }],
    ['an oversized description', { ...venue, description: '字'.repeat(501) }],
    ['an unknown field', { ...venue, status: 'active' }],
  ])('should refuse a resource with %s with VALIDATION_FAILED and change nothing', async (_label, data) => {
    const before = await countAll(server, ['resources'])
    expect(await liaison.call('units', 'publishResource', data)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    expect(await countAll(server, ['resources'])).toEqual(before)
  })

  it('should let a resident rate a verified commitment once, and refuse unverified ones and other communities', async () => {
    const first = await resident.ok('units', 'rateCommitment', { commitmentId: 'cm-school-playground', score: 5, comment: '孩子们很喜欢' })
    expect(first).toEqual({ score: 5, average: 5, count: 1 })
    expect(await member.ok('units', 'rateCommitment', { commitmentId: 'cm-school-playground', score: 4 })).toEqual({ score: 4, average: 4.5, count: 2 })
    const racing = await Promise.all(Array.from({ length: 10 }, () => resident.call('units', 'rateCommitment', { commitmentId: 'cm-school-playground', score: 1 })))
    expect(racing.every((response) => !response.ok && (response as { error: { code: string } }).error.code === 'ALREADY_EXISTS')).toBe(true)
    expect((await countAll(server, ['ratings'])).ratings).toBe(2)

    expect(await resident.call('units', 'rateCommitment', { commitmentId: 'cm-school-tutoring', score: 5 })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } })
    expect(await staffHexie.call('units', 'rateCommitment', { commitmentId: 'cm-school-playground', score: 5 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await server.anonymous.call('units', 'rateCommitment', { commitmentId: 'cm-school-playground', score: 5 })).toMatchObject({ ok: false })
    for (const score of [0, 6, 3.5, '5']) {
      expect(await staff.call('units', 'rateCommitment', { commitmentId: 'cm-school-playground', score })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    }
    expect((await countAll(server, ['ratings'])).ratings).toBe(2)
  })
})
