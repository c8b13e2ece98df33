/** What every end-to-end suite shares: where Chromium and the H5 build are, how to start it, how to log in. */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const h5Dir = join(__dirname, '../../dist/h5')
export const artifacts = join(__dirname, '../artifacts')

const ready = existsSync(chromiumPath) && existsSync(join(h5Dir, 'index.html'))

if (!ready) {
  console.log(
    existsSync(chromiumPath)
      ? 'e2e skipped: no H5 build in dist/h5 — run `npm run build:h5` (npm test does it for you).'
      : `e2e skipped: Chromium not found at ${chromiumPath} — install it with \`apt-get install -y chromium fonts-noto-cjk\` (or set CHROMIUM_PATH).`,
  )
}

/** `describe` when Chromium and the H5 build are there; otherwise skipped, with the one-line note above. */
export const describeInBrowser = ready ? describe : describe.skip

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}

/** Opens the app (the login page comes first without a session) and picks a demo identity. */
export async function loginAs(page: Page, baseUrl: string, openid: string): Promise<void> {
  await page.goto(`${baseUrl}/`)
  await page.locator(`.e2e-identity-${openid}`).click({ timeout: 15_000 })
}
