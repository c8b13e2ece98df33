import { requestActions, type RequestStatus } from '../../../src/packages/units/resources'
import { defaultDeadline } from '../../../src/packages/units/commitments'

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

describe('units app: the default deadline of a new commitment', () => {
  it.each([
    ['2026-06-01T10:00:00', '2026-07-01'],
    ['2026-11-23T10:00:00', '2026-12-23'],
    ['2026-12-10T10:00:00', '2026-12-31'],
    ['2026-12-31T10:00:00', '2026-12-31'],
  ])('should default a proposal made on %s to %s, never into next year', (today, expected) => {
    expect(defaultDeadline(new Date(today))).toBe(expected)
  })
})
