/**
 * Public views show a masked name: 王小华 → 王*华, 王华 → 王*, 欧阳小华 → 欧**华.
 * Phone and address never leave staff views.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length === 0) return '*'
  if (chars.length === 1) return `${chars[0]}*`
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

/**
 * An ID number as a certificate may print it (民政部《志愿服务记录与证明出具办法》
 * asks the proof to protect the volunteer's personal information): the first
 * three and last four characters, the rest starred, length kept —
 * 110101199003071234 → 110***********1234.
 */
export function maskIdNumber(idNumber: string): string {
  const chars = Array.from(idNumber.trim())
  if (chars.length <= 7) return '*'.repeat(chars.length)
  return `${chars.slice(0, 3).join('')}${'*'.repeat(chars.length - 7)}${chars.slice(-4).join('')}`
}

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****'
}

/**
 * Why a viewer may read a person's name in full. These are the only
 * exceptions to masking, and every view that shows a person's name to
 * someone decides through `nameFor`, so they are listed here and nowhere else:
 * - `own`: it is the viewer's own name;
 * - `staff`: staff (or the district admin) of the person's community — they
 *   review, confirm attendance, hand over goods and call people back;
 * - `contact`: the active claimer of a wish reads the wisher's name with the
 *   phone and address, to deliver it (and only while the claim is active);
 * - `liaison`: a co-building unit's liaison reads the unit's own contact;
 * - `official`: a staff member's name on a step they took in office (a reply
 *   or assignment on a suggestion, shown to its submitter);
 * - `leader`: a 服务队's 队长 reads the names of the team's members and
 *   applicants, and of those signed up to the team's activities: they approve
 *   people and record attendance.
 * Anyone else — a wisher looking at who claimed before, a neighbour on the
 * wall — sees the masked name.
 */
export type FullNameGrant = 'own' | 'staff' | 'contact' | 'liaison' | 'official' | 'leader'

/** A person's name as this viewer may see it: in full with a grant, else masked. */
export function nameFor(name: string, grant: FullNameGrant | null | false): string {
  return grant ? name : maskName(name)
}
