import type { InputOf, OutputOf } from '../../../cloudfunctions/lib/runtime/client-types'
import type { SuggestionsFunction } from '../../../cloudfunctions/suggestions/index'

export type SuggestionView = OutputOf<SuggestionsFunction, 'detail'>
export type SuggestionCard = OutputOf<SuggestionsFunction, 'mine'>['items'][number]
export type PublicSuggestion = OutputOf<SuggestionsFunction, 'public'>['items'][number]
export type SuggestionCategory = InputOf<SuggestionsFunction, 'submit'>['category']
export type SuggestionStatus = SuggestionView['status']
export type TimelineAction = SuggestionView['timeline'][number]['action']
