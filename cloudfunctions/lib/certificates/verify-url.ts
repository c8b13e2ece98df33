/**
 * Where a certificate's QR code points: the app's public verification page
 * with the number filled in. The H5 app uses hash routing (config/index.ts),
 * so the page path follows `#`. The host is the deployment's public H5
 * address, `TONGXIN_PUBLIC_URL` (set it in the function's environment before
 * issuing real certificates); locally it is the `npm start` server.
 */
export const VERIFY_PAGE = '/packages/certificates/pages/verify/index'

export function publicBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.TONGXIN_PUBLIC_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, '')
}

export function verifyUrl(number: string, base: string = publicBaseUrl()): string {
  return `${base}/#${VERIFY_PAGE}?no=${encodeURIComponent(number)}`
}
