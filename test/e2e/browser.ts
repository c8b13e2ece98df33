/** What every end-to-end suite shares: where Chromium and the H5 build are, how to start it, how to log in. */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../helpers/server'

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

/** H5 keeps pages the user left in the DOM, hidden: every lookup goes through the page meant. */
export const on = (page: Page, name: string) => page.locator(`.e2e-page-${name}:visible`)

/** A whole-text match, for figures where "1" must not match "10". */
export const exactly = (text: string | number) => new RegExp(`^${String(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)

/** A real 2×2 PNG: the server reads the type from the bytes, so a fake would be refused. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4ISYLRAwQCgAeLgPtNNgDzAAAAABJRU5ErkJggg==',
  'base64',
)

/**
 * Taro's H5 chooseImage opens a hidden `<input type=file>`; Playwright answers
 * the browser's file chooser with the PNG, as a person picking a photo would.
 */
export async function pickPhoto(page: Page, addButton: Locator, name: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 15_000 }), addButton.click()])
  await chooser.setFiles({ name, mimeType: 'image/png', buffer: PNG })
}

export interface BrowserSuite {
  readonly server: TestServer
  readonly browser: Browser
  /** One person's phone, logged in and on the home page: its own storage (the H5 session), China time. */
  phone(openid: string): Promise<Page>
  /** A full-page picture in test/artifacts, after the page's slide-in animation. */
  shot(page: Page, name: string): Promise<void>
}

/**
 * The set-up every walk shares: a seeded server serving the H5 build, one
 * Chromium, a phone per person, and on a failure a picture of what each
 * phone showed. Call it at the top of a `describeInBrowser` block.
 */
export function browserSuite(prefix: string, options: { timeout?: number } = {}): BrowserSuite {
  let server: TestServer | undefined
  let browser: Browser | undefined
  const phones: Page[] = []
  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true })
    server = await startTestServer({ h5Dir })
    browser = await launchChromium()
  }, options.timeout ?? 60_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })
  afterEach(async () => {
    for (const [index, page] of phones.entries()) {
      if (!page.isClosed()) await page.screenshot({ path: join(artifacts, `${prefix}-last-${index}.png`), fullPage: true }).catch(() => undefined)
    }
  })
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('browserSuite: used before beforeAll ran')
    return value
  }
  return {
    get server() {
      return started(server)
    },
    get browser() {
      return started(browser)
    },
    async phone(openid) {
      const context = await started(browser).newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' })
      const page = await context.newPage()
      phones.push(page)
      await loginAs(page, started(server).url, openid)
      await page.locator('.e2e-home-community').waitFor({ timeout: 15_000 })
      return page
    },
    async shot(page, name) {
      await page.waitForTimeout(400)
      await page.screenshot({ path: join(artifacts, `${prefix}-${name}.png`), fullPage: true })
    },
  }
}
