/** Invite codes are 8 letters and digits (the server leaves out 0/O and 1/I/L, which people misread aloud). */
const CODE_LENGTH = 8

/**
 * What a person typed, as the code the server expects: upper case, spaces and
 * dashes dropped (codes are often read out or pasted in groups of four).
 */
export function normaliseInviteCode(typed: string): string {
  return typed
    .replace(/[\s-]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, CODE_LENGTH)
}

export const isInviteCode = (code: string): boolean => /^[A-Z0-9]{8}$/.test(code)

/** Shown in two groups of four so staff can read it out: `ABCD EFGH`. */
export const groupInviteCode = (code: string): string => code.replace(/^(.{4})(.+)$/, '$1 $2')
