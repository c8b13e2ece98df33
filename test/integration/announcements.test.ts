import type { AnnouncementDoc } from '../../cloudfunctions/lib/announcements/model'
import { countAll, startTestServer, type TestServer } from '../helpers/server'
import { errorCode } from './points-fixtures'

const notice = { communityId: 'c-xingfu', kind: 'notice', title: '停水通知', source: '## 停水时间\n\n周五 **9:00–12:00**，请提前储水。' }

async function publishedIn(server: TestServer, communityId: string): Promise<AnnouncementDoc[]> {
  const all = await server.db.collection<AnnouncementDoc>('announcements').orderBy('_id', 'asc').limit(1000).get()
  return all.data
    .filter((doc) => doc.communityId === communityId && doc.status === 'published')
    .sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.publishedAt.getTime() - a.publishedAt.getTime())
}

describe('announcements', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.stop())

  it('should publish a notice staff wrote in Markdown and show everyone the rendered HTML', async () => {
    const staff = await server.as('demo-staff')
    const published = await staff.ok('announcements', 'publish', notice)
    expect(published).toMatchObject({ kind: 'notice', title: '停水通知', status: 'published', pinned: false, source: notice.source })
    expect(published.html).toBe('<h2>停水时间</h2>\n<p>周五 <strong>9:00–12:00</strong>，请提前储水。</p>')
    const read = await server.anonymous.ok('announcements', 'detail', { announcementId: published.id })
    expect(read).toMatchObject({ title: '停水通知', html: published.html })
    expect(read.source).toBeUndefined()
    const list = await server.anonymous.ok('announcements', 'list', { communityId: 'c-xingfu', pageSize: 50 })
    expect(list.items.map((card: { id: string }) => card.id)).toContain(published.id)
  })

  it('should store the HTML without script, onerror or javascript: whatever staff paste', async () => {
    const staff = await server.as('demo-staff')
    const source = [
      '正文<script>document.cookie</script>',
      '<img src="/uploads/0123456789abcdef0123456789abcdef.jpg" onerror="alert(1)">',
      '[点我](javascript:alert(2))',
      '<a href="javascript:alert(3)">也点我</a>',
    ].join('\n\n')
    const { id } = await staff.ok('announcements', 'publish', { ...notice, title: '粘贴测试', source })
    const stored = (await server.db.collection<AnnouncementDoc>('announcements').doc(id).get()).data[0]
    expect(stored.source).toBe(source)
    expect(stored.html).not.toMatch(/script|cookie|onerror|alert|javascript/i)
    expect(stored.html).toContain('正文')
    expect(stored.html).toContain('src="/uploads/0123456789abcdef0123456789abcdef.jpg"')
  })

  it('should list pinned announcements first, then the newest, as the home page does', async () => {
    const staff = await server.as('demo-staff')
    const pinned = await staff.ok('announcements', 'publish', { ...notice, title: '置顶通知', pinned: true })
    const expected = await publishedIn(server, 'c-xingfu')
    const list = await server.anonymous.ok('announcements', 'list', { communityId: 'c-xingfu', pageSize: 50 })
    expect(list.total).toBe(expected.length)
    expect(list.items.map((card: { id: string }) => card.id)).toEqual(expected.map((doc) => doc._id))
    expect(list.items[0].id).toBe(pinned.id)
    const home = await server.anonymous.ok('communities', 'overview', { communityId: 'c-xingfu' })
    expect(home.announcements.map((card: { id: string }) => card.id)).toEqual(expected.slice(0, 3).map((doc) => doc._id))
    const notices = await server.anonymous.ok('announcements', 'list', { communityId: 'c-xingfu', kind: 'news', pageSize: 50 })
    expect(notices.items.map((card: { id: string }) => card.id)).toEqual(expected.filter((doc) => doc.kind === 'news').map((doc) => doc._id))
  })

  it('should move an announcement to the top when pinned and back when unpinned', async () => {
    const staff = await server.as('demo-staff')
    const { id } = await staff.ok('announcements', 'publish', { ...notice, kind: 'news', title: '社区新闻' })
    await staff.ok('announcements', 'pin', { announcementId: id, pinned: true })
    const first = (await server.anonymous.ok('announcements', 'list', { communityId: 'c-xingfu' })).items[0]
    expect(first).toMatchObject({ id, pinned: true })
    await staff.ok('announcements', 'pin', { announcementId: id, pinned: false })
    const list = await server.anonymous.ok('announcements', 'list', { communityId: 'c-xingfu', pageSize: 50 })
    expect(list.items.map((card: { id: string }) => card.id)).toEqual((await publishedIn(server, 'c-xingfu')).map((doc) => doc._id))
  })

  it('should re-render on edit and keep a withdrawn one from readers, with the reason audited', async () => {
    const staff = await server.as('demo-staff')
    const { id } = await staff.ok('announcements', 'publish', { ...notice, title: '待撤回' })
    const edited = await staff.ok('announcements', 'update', { announcementId: id, source: '改为 *下周* 停水' })
    expect(edited.html).toBe('<p>改为 <em>下周</em> 停水</p>')
    await staff.ok('announcements', 'withdraw', { announcementId: id, reason: '通知有误' })
    expect(errorCode(await server.anonymous.call('announcements', 'detail', { announcementId: id }))).toBe('NOT_FOUND')
    expect(await staff.ok('announcements', 'detail', { announcementId: id })).toMatchObject({ status: 'withdrawn', withdrawReason: '通知有误' })
    const list = await server.anonymous.ok('announcements', 'list', { communityId: 'c-xingfu', pageSize: 50 })
    expect(list.items.map((card: { id: string }) => card.id)).not.toContain(id)
    const withdrawn = await staff.ok('announcements', 'list', { communityId: 'c-xingfu', status: 'withdrawn' })
    expect(withdrawn.items.map((card: { id: string }) => card.id)).toContain(id)
    const audit = await server.db.collection('audit').where({ targetId: id }).limit(10).get()
    expect(audit.data).toEqual([expect.objectContaining({ kind: 'announcement.withdraw', reason: '通知有误', actorId: 'u-staff' })])
    for (const [action, data] of [['update', { title: '复活' }], ['pin', { pinned: true }], ['withdraw', { reason: '再撤' }]] as const) {
      expect(errorCode(await staff.call('announcements', action, { announcementId: id, ...data }))).toBe('INVALID_STATE')
    }
  })

  it('should let one of a racing edit and withdrawal decide, never bring a withdrawn notice back', async () => {
    const staff = await server.as('demo-staff')
    const { id } = await staff.ok('announcements', 'publish', { ...notice, title: '竞争' })
    const responses = await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => staff.call('announcements', 'update', { announcementId: id, title: `改 ${i}` })),
      ...Array.from({ length: 5 }, () => staff.call('announcements', 'withdraw', { announcementId: id, reason: '撤回' })),
    ])
    const withdrawals = responses.slice(5).filter((response) => response.ok)
    expect(withdrawals).toHaveLength(1)
    const stored = (await server.db.collection<AnnouncementDoc>('announcements').doc(id).get()).data[0]
    expect(stored.status).toBe('withdrawn')
    expect(responses.every((response) => response.ok || response.error.code === 'INVALID_STATE')).toBe(true)
  })

  it('should not let anyone but staff of the community publish, edit, pin or withdraw', async () => {
    const staff = await server.as('demo-staff')
    const { id } = await staff.ok('announcements', 'publish', { ...notice, title: '权限' })
    const before = (await server.db.collection<AnnouncementDoc>('announcements').doc(id).get()).data[0]
    const count = await countAll(server, ['announcements'])
    for (const openid of ['demo-member', 'demo-resident', 'demo-staff-hexie']) {
      const client = await server.as(openid)
      expect(errorCode(await client.call('announcements', 'publish', notice))).toBe('FORBIDDEN')
      expect(errorCode(await client.call('announcements', 'update', { announcementId: id, title: '篡改' }))).toBe('FORBIDDEN')
      expect(errorCode(await client.call('announcements', 'pin', { announcementId: id, pinned: true }))).toBe('FORBIDDEN')
      expect(errorCode(await client.call('announcements', 'withdraw', { announcementId: id, reason: '篡改' }))).toBe('FORBIDDEN')
      expect(errorCode(await client.call('announcements', 'list', { communityId: 'c-xingfu', status: 'withdrawn' }))).toBe('FORBIDDEN')
    }
    expect(errorCode(await server.anonymous.call('announcements', 'publish', notice))).toBe('UNAUTHENTICATED')
    expect((await server.db.collection<AnnouncementDoc>('announcements').doc(id).get()).data[0]).toEqual(before)
    expect(await countAll(server, ['announcements'])).toEqual(count)
  })

  it.each([
    ['an empty title', { title: '  ' }],
    ['a title of 61 characters', { title: '题'.repeat(61) }],
    ['an unknown kind', { kind: 'ad' }],
    ['a cover from another host', { cover: 'https://evil.example/a.jpg' }],
    ['an empty source', { source: '' }],
    ['a source over 20000 characters', { source: '字'.repeat(20_001) }],
    ['an unknown field', { html: '<p>自带 HTML</p>' }],
    ['a pinned flag that is not a boolean', { pinned: 'yes' }],
  ])('should refuse %s and store nothing', async (_label, change) => {
    const staff = await server.as('demo-staff')
    const before = await countAll(server, ['announcements'])
    expect(errorCode(await staff.call('announcements', 'publish', { ...notice, ...change }))).toBe('VALIDATION_FAILED')
    expect(await countAll(server, ['announcements'])).toEqual(before)
  })

  it('should refuse an update that changes nothing, and text the content check rejects', async () => {
    const staff = await server.as('demo-staff')
    const { id } = await staff.ok('announcements', 'publish', { ...notice, title: '检查' })
    const before = (await server.db.collection<AnnouncementDoc>('announcements').doc(id).get()).data[0]
    expect(errorCode(await staff.call('announcements', 'update', { announcementId: id }))).toBe('VALIDATION_FAILED')
    expect(errorCode(await staff.call('announcements', 'update', { announcementId: id, source: '代开发票，联系我' }))).toBe('CONTENT_REJECTED')
    expect((await server.db.collection<AnnouncementDoc>('announcements').doc(id).get()).data[0]).toEqual(before)
  })
})
