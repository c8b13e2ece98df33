import { requestActions, type RequestStatus } from '../../../src/packages/units/resources'

describe('units app: resource request buttons', () => {
  const roles = {
    staff: { isStaff: true, isLiaison: false },
    liaison: { isStaff: false, isLiaison: true },
    public: { isStaff: false, isLiaison: false },
  }
  it.each<[RequestStatus, keyof typeof roles, string[]]>([
    ['requested', 'liaison', ['accept', 'decline']],
    ['requested', 'staff', []],
    ['requested', 'public', []],
    ['accepted', 'staff', ['fulfil']],
    ['accepted', 'liaison', []],
    ['declined', 'staff', []],
    ['declined', 'liaison', []],
    ['fulfilled', 'staff', []],
    ['fulfilled', 'liaison', []],
  ])('should offer a %s request to %s: %j', (status, who, expected) => {
    expect(requestActions(status, roles[who])).toEqual(expected)
  })
})
