import { defineAction, defineFunction } from '../lib/runtime/action'
import { cloudbaseMain } from '../lib/runtime/cloudbase'
import * as suggestions from '../lib/suggestions/service'

const community = suggestions.suggestionCommunity

/** 意见建议: 收集民意 (submit) → 解决问题 (accept, assign, reply) → 办结反馈 (close, rate), and the public 办结公示. */
export const suggestionsFunction = defineFunction('suggestions', {
  submit: defineAction({ input: suggestions.submitInput, access: ['resident', 'member'], handler: suggestions.submit }),
  withdraw: defineAction({ input: suggestions.withdrawInput, access: 'signedIn', community, handler: suggestions.withdraw }),
  rate: defineAction({ input: suggestions.rateInput, access: 'signedIn', community, handler: suggestions.rate }),
  mine: defineAction({ input: suggestions.mineInput, access: 'signedIn', handler: suggestions.mine }),
  detail: defineAction({ input: suggestions.suggestionInput, access: 'signedIn', community, handler: suggestions.detail }),
  accept: defineAction({ input: suggestions.acceptInput, access: ['staff'], community, handler: suggestions.accept }),
  decline: defineAction({ input: suggestions.declineInput, access: ['staff'], community, handler: suggestions.decline }),
  assign: defineAction({ input: suggestions.assignInput, access: ['staff'], community, handler: suggestions.assign }),
  reply: defineAction({ input: suggestions.replyInput, access: ['staff'], community, handler: suggestions.reply }),
  close: defineAction({ input: suggestions.closeInput, access: ['staff'], community, handler: suggestions.close }),
  list: defineAction({ input: suggestions.listInput, access: ['staff'], handler: suggestions.list }),
  public: defineAction({ input: suggestions.publicInput, access: 'anyone', handler: suggestions.publicList }),
})

export type SuggestionsFunction = typeof suggestionsFunction

export const main = cloudbaseMain(suggestionsFunction)
