/** The colours components take as props; the SCSS twins are in styles/_tokens.scss. */
export const colors = {
  primary: '#c8161d',
  info: '#1f6fd1',
  muted: '#595959',
  warn: '#ad4e00',
  success: '#1a7f37',
} as const
