import type { SuggestionDoc, SuggestionStatus } from '../../cloudfunctions/lib/suggestions/model'
import type { TestServer } from '../helpers/server'

let counter = 0

const HOUR = 3600 * 1000

/**
 * A suggestion of 刘秀英 (u-resident) in c-xingfu written straight into the
 * engine in any status, with the fields that status implies (accepted ones
 * have acceptedAt, replied ones a reply and repliedAt, closed ones a result).
 */
export async function addSuggestion(
  server: TestServer,
  status: SuggestionStatus,
  options: { rated?: boolean; userId?: string; submitterName?: string; communityId?: string; anonymous?: boolean; title?: string; photos?: string[] } = {},
): Promise<string> {
  counter += 1
  const suggestionId = `s-test-${counter}`
  const createdAt = new Date(Date.now() - 48 * HOUR)
  const at = (hours: number) => new Date(createdAt.getTime() + hours * HOUR)
  const accepted = ['accepted', 'assigned', 'replied', 'closed'].includes(status)
  const assigned = ['assigned', 'replied', 'closed'].includes(status)
  const replied = ['replied', 'closed'].includes(status)
  const closed = status === 'closed'
  const doc: SuggestionDoc = {
    _id: suggestionId,
    communityId: options.communityId ?? 'c-xingfu',
    userId: options.userId ?? 'u-resident',
    submitterName: options.submitterName ?? '刘秀英',
    anonymous: options.anonymous ?? false,
    category: '设施维修',
    title: options.title ?? `测试建议 ${counter}`,
    content: '小区东门的路灯坏了好几天，晚上出入不方便。',
    photos: options.photos ?? [],
    status,
    declineReason: status === 'declined' ? '不属于社区职责范围' : '',
    assignee: assigned ? { kind: 'handler', userId: null, name: '物业公司' } : null,
    replies: replied ? [{ text: '已联系物业，明天维修', at: at(3), by: 'u-staff', byName: '王丽' }] : [],
    result: closed ? '路灯已修好' : '',
    resultPhotos: [],
    history: [{ action: 'submit', at: createdAt, by: options.userId ?? 'u-resident', byName: '', note: '' }],
    createdAt,
    updatedAt: createdAt,
    ...(accepted ? { acceptedAt: at(1) } : {}),
    ...(assigned ? { assignedAt: at(2) } : {}),
    ...(replied ? { repliedAt: at(3) } : {}),
    ...(closed || status === 'declined' ? { closedAt: at(4) } : {}),
    ...(status === 'withdrawn' ? { withdrawnAt: at(1) } : {}),
    ...(closed && options.rated ? { rating: { score: 4, comment: '挺快的', at: at(5) } } : {}),
  }
  await server.db.collection<SuggestionDoc>('suggestions').add(doc)
  return suggestionId
}

export async function suggestionDoc(server: TestServer, suggestionId: string): Promise<SuggestionDoc> {
  return (await server.db.collection<SuggestionDoc>('suggestions').doc(suggestionId).get()).data[0]
}
