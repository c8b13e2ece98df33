import * as z from 'zod'
import { openLocalDatabase, type LocalDatabase } from '../../../cloudfunctions/lib/db/local'
import { seedDemo } from '../../../cloudfunctions/lib/demo/seed'
import { defineAction, defineFunction } from '../../../cloudfunctions/lib/runtime/action'
import { AppError } from '../../../cloudfunctions/lib/runtime/errors'
import { invoke } from '../../../cloudfunctions/lib/runtime/invoke'
import { rolesIn } from '../../../cloudfunctions/lib/runtime/caller'
import type { Logger } from '../../../cloudfunctions/lib/runtime/logger'

/** These probes store no user text: the content check never decides here. */
const allowAll = async (): Promise<boolean> => true

function recordingLogger() {
  const lines: Array<{ level: string; event: string; fields?: Record<string, unknown> }> = []
  const log: Logger = {
    info: (event, fields) => lines.push({ level: 'info', event, fields }),
    warn: (event, fields) => lines.push({ level: 'warn', event, fields }),
    error: (event, fields) => lines.push({ level: 'error', event, fields }),
  }
  return { log, lines }
}

const probe = defineFunction('probe', {
  crash: defineAction({
    input: z.object({}).strict(),
    access: 'anyone',
    handler: async () => {
      throw new Error('secret internals at /srv/app.ts:42')
    },
  }),
  expected: defineAction({
    input: z.object({}).strict(),
    access: 'anyone',
    handler: async () => {
      throw new AppError('QUOTA_FULL')
    },
  }),
  staffOnly: defineAction({
    input: z.object({ communityId: z.string() }).strict(),
    access: ['staff'],
    handler: async (_input, ctx) => ({ community: ctx.community?.name, roles: [...ctx.roles].sort() }),
  }),
  fromRecord: defineAction({
    input: z.object({ activityId: z.string() }).strict(),
    access: ['staff'],
    community: async (input, { db }) => (await db.collection<{ _id: string; communityId: string }>('activities').doc(input.activityId).get()).data[0]?.communityId,
    handler: async (_input, ctx) => ({ community: ctx.community?._id }),
  }),
  when: defineAction({
    input: z.object({}).strict(),
    access: 'anyone',
    handler: async () => ({ at: new Date(Date.UTC(2026, 10, 23, 8, 0, 0)) }),
  }),
})

describe('invoke', () => {
  let db: LocalDatabase
  beforeAll(async () => {
    db = openLocalDatabase({ file: ':memory:' })
    await seedDemo(db)
  })
  afterAll(() => db.close())

  it('should turn a thrown bug into INTERNAL without its message, and log it with the requestId', async () => {
    const { log, lines } = recordingLogger()
    const response = await invoke(probe, { action: 'crash', requestId: 'req-bug-1' }, { db, openid: null, log, signingKey: null, contentCheck: allowAll })
    expect(response).toEqual({ ok: false, error: { code: 'INTERNAL', message: '服务器开小差了，请稍后再试' } })
    expect(JSON.stringify(response)).not.toContain('secret internals')
    const bug = lines.find((line) => line.level === 'error')
    expect(bug?.fields).toMatchObject({ requestId: 'req-bug-1', fn: 'probe', action: 'crash' })
    expect(JSON.stringify(bug?.fields)).toContain('secret internals')
  })

  it('should answer unchecked when the content checker throws, logging a warning with the requestId and no bug', async () => {
    const { log, lines } = recordingLogger()
    const texts = defineFunction('texts', {
      write: defineAction({ input: z.object({}).strict(), access: 'anyone', handler: async (_input, ctx) => ({ verdict: await ctx.checkContent(['你好']) }) }),
    })
    const unreachable = async (): Promise<boolean> => {
      throw new Error('msgSecCheck failed: -1 system busy')
    }
    const response = await invoke(texts, { action: 'write', requestId: 'req-unchecked-1' }, { db, openid: null, log, signingKey: null, contentCheck: unreachable })
    expect(response).toEqual({ ok: true, data: { verdict: 'unchecked' } })
    expect(lines.find((line) => line.level === 'warn')?.fields).toMatchObject({ requestId: 'req-unchecked-1', fn: 'texts', action: 'write', error: 'msgSecCheck failed: -1 system busy' })
    expect(lines.some((line) => line.level === 'error')).toBe(false)
    const refused = await invoke(texts, { action: 'write' }, { db, openid: null, log, signingKey: null, contentCheck: async () => false })
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } })
  })

  it('should pass an expected failure through with its code and Chinese message', async () => {
    const { log, lines } = recordingLogger()
    const response = await invoke(probe, { action: 'expected' }, { db, openid: null, log, signingKey: null, contentCheck: allowAll })
    expect(response).toEqual({ ok: false, error: { code: 'QUOTA_FULL', message: '名额已满' } })
    expect(lines.some((line) => line.level === 'error')).toBe(false)
  })

  it('should give a district admin staff rights in a community of their district', async () => {
    const { log } = recordingLogger()
    const response = await invoke(probe, { action: 'staffOnly', data: { communityId: 'c-hexie' } }, { db, openid: 'demo-district-admin', log, signingKey: null, contentCheck: allowAll })
    expect(response).toEqual({ ok: true, data: { community: '和谐社区', roles: ['district_admin', 'staff'] } })
  })

  it('should answer NOT_REGISTERED before FORBIDDEN for a caller who has not registered', async () => {
    const { log } = recordingLogger()
    const response = await invoke(probe, { action: 'staffOnly', data: { communityId: 'c-xingfu' } }, { db, openid: 'someone-new', log, signingKey: null, contentCheck: allowAll })
    expect(!response.ok && response.error.code).toBe('NOT_REGISTERED')
  })

  it('should check the role in the community of the record, not one the caller names', async () => {
    const { log } = recordingLogger()
    const hexieStaffOnXingfu = await invoke(probe, { action: 'fromRecord', data: { activityId: 'a-cleanup' } }, { db, openid: 'demo-staff-hexie', log, signingKey: null, contentCheck: allowAll })
    expect(!hexieStaffOnXingfu.ok && hexieStaffOnXingfu.error.code).toBe('FORBIDDEN')
    const own = await invoke(probe, { action: 'fromRecord', data: { activityId: 'a-hexie-party-day' } }, { db, openid: 'demo-staff-hexie', log, signingKey: null, contentCheck: allowAll })
    expect(own).toEqual({ ok: true, data: { community: 'c-hexie' } })
  })

  it('should answer NOT_FOUND for a community that does not exist', async () => {
    const { log } = recordingLogger()
    const response = await invoke(probe, { action: 'staffOnly', data: { communityId: 'c-ghost' } }, { db, openid: 'demo-staff', log, signingKey: null, contentCheck: allowAll })
    expect(!response.ok && response.error.code).toBe('NOT_FOUND')
  })

  it('should return data as the caller would see it over JSON', async () => {
    const { log } = recordingLogger()
    const response = await invoke(probe, { action: 'when' }, { db, openid: null, log, signingKey: null, contentCheck: allowAll })
    expect(response).toEqual({ ok: true, data: { at: '2026-11-23T08:00:00.000Z' } })
  })
})

describe('team_leader (队长) scope', () => {
  const leaderOf = (teamId: string) => ({
    openid: 'x',
    user: { _id: 'u-lead', openid: 'x', name: '队长', phone: '', communityId: 'c-xingfu', building: '', createdAt: new Date(), updatedAt: new Date() },
    grants: [{ _id: `${teamId}:u-lead:team_leader`, userId: 'u-lead', role: 'team_leader' as const, scopeId: teamId, grantedBy: 's', createdAt: new Date() }],
    units: [],
  })
  const community = { _id: 'c-xingfu', districtId: 'd-heping', name: '幸福社区', address: '', createdAt: new Date() }

  it('should hold team_leader only for the record of the team the grant is scoped to', () => {
    expect([...rolesIn(leaderOf('t-1'), community, 't-1')].sort()).toEqual(['resident', 'team_leader'])
    expect([...rolesIn(leaderOf('t-1'), community, 't-2')]).toEqual(['resident'])
    expect([...rolesIn(leaderOf('t-1'), community, null)]).toEqual(['resident'])
  })

  it('should not make a 队长 staff or a member of the community', () => {
    const roles = rolesIn(leaderOf('c-xingfu'), community, null)
    expect(roles.has('staff')).toBe(false)
    expect(roles.has('team_leader')).toBe(false)
  })
})

describe('liaison scope', () => {
  let db: LocalDatabase
  beforeAll(async () => {
    db = openLocalDatabase({ file: ':memory:' })
    await seedDemo(db)
  })
  afterAll(() => db.close())

  const liaisonOnly = defineFunction('probe', {
    act: defineAction({
      input: z.object({ communityId: z.string() }).strict(),
      access: ['liaison'],
      handler: async (_input, ctx) => ({ roles: [...ctx.roles].sort() }),
    }),
  })

  it('should make a liaison a liaison only in the communities their unit has signed with', async () => {
    const { log } = recordingLogger()
    const inOwn = await invoke(liaisonOnly, { action: 'act', data: { communityId: 'c-xingfu' } }, { db, openid: 'demo-liaison', log, signingKey: null, contentCheck: allowAll })
    expect(inOwn).toEqual({ ok: true, data: { roles: ['liaison', 'resident'] } })
    const elsewhere = await invoke(liaisonOnly, { action: 'act', data: { communityId: 'c-hexie' } }, { db, openid: 'demo-liaison', log, signingKey: null, contentCheck: allowAll })
    expect(!elsewhere.ok && elsewhere.error.code).toBe('FORBIDDEN')
  })

  it('should drop the liaison role while the unit is suspended', async () => {
    const { log } = recordingLogger()
    await db.collection('units').doc('unit-school').update({ status: 'suspended' })
    const response = await invoke(liaisonOnly, { action: 'act', data: { communityId: 'c-xingfu' } }, { db, openid: 'demo-liaison', log, signingKey: null, contentCheck: allowAll })
    expect(!response.ok && response.error.code).toBe('FORBIDDEN')
  })
})
