import { suggestionCategories as serverCategories, suggestionStatuses } from '../../../cloudfunctions/lib/suggestions/model'
import { endedWithoutHandling, stageOf, stages, suggestionCategories } from '../../../src/packages/suggestions/labels'

describe('suggestion labels in the app', () => {
  it('should offer exactly the categories the server accepts, in its order', () => {
    expect(suggestionCategories).toEqual(serverCategories)
  })

  it('should place every status in one of the three stages, or none when it ended without handling', () => {
    const placed = Object.fromEntries(suggestionStatuses.map((status) => [status, stageOf(status)]))
    expect(placed).toEqual({ submitted: 0, accepted: 1, assigned: 1, replied: 1, closed: 2, declined: -1, withdrawn: -1 })
    expect(suggestionStatuses.filter((status) => stageOf(status) === -1)).toEqual([...endedWithoutHandling])
    expect(stages).toEqual(['收集民意', '解决问题', '办结反馈'])
  })
})
