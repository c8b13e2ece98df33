import type { SuggestionCategory } from '../../types'

export interface Form {
  category: SuggestionCategory | ''
  title: string
  content: string
  photos: string[]
  anonymous: boolean
}

export type Field = 'category' | 'title' | 'content'

/** Everything wrong with the form at once, by field, so each message sits beside its field; empty when it can be sent. */
export function suggestionProblems(form: Form): Partial<Record<Field, string>> {
  const problems: Partial<Record<Field, string>> = {}
  if (form.category === '') problems.category = '请选择一个类别'
  if (form.title.trim().length < 2) problems.title = '请写一个标题（至少 2 个字）'
  if (form.content.trim().length < 5) problems.content = '请把情况说清楚一些（至少 5 个字）'
  return problems
}

/** Something typed or chosen: leaving now would lose work. */
export const isStarted = (form: Form): boolean =>
  form.category !== '' || form.title.trim() !== '' || form.content.trim() !== '' || form.photos.length > 0
