/**
 * 长辈版 and the national 适老化 numbers, measured on every page of the H5
 * build: in normal mode and in 长辈版 at 390 px, each page is opened as the
 * person who would use it, and the test measures what the standard states —
 * computed font sizes, line heights, tap-target boxes, horizontal overflow
 * (also at 320 px) — and runs axe-core for contrast and labels. A screenshot
 * of every page in both modes goes to test/artifacts/elder-*.png.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import type { Where } from '../../cloudfunctions/lib/db/types'
import { artifacts, browserSuite, describeInBrowser, loginAs } from './browser'

type Mode = 'normal' | 'elder'

interface PageVisit {
  /** The PageShell name (`e2e-page-<name>`). */
  name: string
  who: string
  url: (ids: DemoIds) => string
}

interface DemoIds {
  activityId: string
  wishId: string
  announcementId: string
}

const C = 'communityId=c-xingfu'
const pages: PageVisit[] = [
  { name: 'home', who: 'demo-resident', url: () => '/pages/home/index' },
  { name: 'activities', who: 'demo-resident', url: () => '/pages/activities/index' },
  { name: 'wishes', who: 'demo-resident', url: () => '/pages/wishes/index' },
  { name: 'me', who: 'demo-resident', url: () => '/pages/me/index' },
  { name: 'activity-detail', who: 'demo-member', url: (ids) => `/packages/activities/pages/detail/index?id=${ids.activityId}` },
  { name: 'my-activities', who: 'demo-member', url: () => '/packages/activities/pages/mine/index' },
  { name: 'service-record', who: 'demo-member', url: () => '/packages/activities/pages/record/index' },
  { name: 'shop', who: 'demo-member', url: () => '/packages/shop/pages/index/index' },
  { name: 'redemptions', who: 'demo-member', url: () => '/packages/shop/pages/redemptions/index' },
  { name: 'points-history', who: 'demo-member', url: () => '/packages/shop/pages/history/index' },
  { name: 'wish-detail', who: 'demo-member', url: (ids) => `/packages/wishes/pages/detail/index?id=${ids.wishId}` },
  { name: 'wish-post', who: 'demo-resident', url: () => '/packages/wishes/pages/post/index' },
  { name: 'my-wishes', who: 'demo-resident', url: () => '/packages/wishes/pages/mine/index' },
  { name: 'my-claims', who: 'demo-member', url: () => '/packages/wishes/pages/claims/index' },
  { name: 'messages', who: 'demo-resident', url: () => '/packages/reminders/pages/index/index' },
  { name: 'units', who: 'demo-resident', url: () => '/packages/units/pages/index/index' },
  { name: 'unit-detail', who: 'demo-resident', url: () => '/packages/units/pages/detail/index?id=unit-school' },
  { name: 'unit-showcase', who: 'demo-resident', url: () => `/packages/units/pages/showcase/index?${C}` },
  { name: 'unit-workspace', who: 'demo-liaison', url: () => '/packages/units/pages/workspace/index' },
  { name: 'unit-join', who: 'demo-member', url: () => '/packages/units/pages/join/index' },
  { name: 'suggestion-public', who: 'demo-resident', url: () => '/packages/suggestions/pages/public/index' },
  { name: 'suggestion-submit', who: 'demo-resident', url: () => '/packages/suggestions/pages/submit/index' },
  { name: 'my-suggestions', who: 'demo-resident', url: () => '/packages/suggestions/pages/mine/index' },
  { name: 'suggestion-detail', who: 'demo-resident', url: () => '/packages/suggestions/pages/detail/index?id=s-stair-light' },
  { name: 'venues', who: 'demo-member', url: () => '/packages/venues/pages/index/index' },
  { name: 'venue-detail', who: 'demo-member', url: () => '/packages/venues/pages/detail/index?id=v-hall' },
  { name: 'my-bookings', who: 'demo-member', url: () => '/packages/venues/pages/mine/index' },
  { name: 'member-report', who: 'demo-member', url: () => '/packages/members/pages/report/index' },
  { name: 'news', who: 'demo-resident', url: () => `/packages/members/pages/news/index?${C}` },
  { name: 'news-detail', who: 'demo-resident', url: (ids) => `/packages/members/pages/news-detail/index?id=${ids.announcementId}` },
  { name: 'staff', who: 'demo-staff', url: () => '/packages/staff/pages/index/index' },
  { name: 'staff-activities', who: 'demo-staff', url: () => `/packages/staff/pages/activities/index?${C}` },
  { name: 'staff-publish', who: 'demo-staff', url: () => `/packages/staff/pages/publish/index?${C}` },
  { name: 'staff-attendance', who: 'demo-staff', url: (ids) => `/packages/staff/pages/attendance/index?id=${ids.activityId}` },
  { name: 'staff-items', who: 'demo-staff', url: () => `/packages/staff/pages/items/index?${C}` },
  { name: 'staff-pickup', who: 'demo-staff', url: () => `/packages/staff/pages/pickup/index?${C}` },
  { name: 'staff-adjust', who: 'demo-staff', url: () => `/packages/staff/pages/adjust/index?${C}` },
  { name: 'dashboard', who: 'demo-staff', url: () => `/packages/staff/pages/dashboard/index?${C}` },
  { name: 'wish-review', who: 'demo-staff', url: () => `/packages/wishes/pages/review/index?${C}` },
  { name: 'suggestion-manage', who: 'demo-staff', url: () => `/packages/suggestions/pages/manage/index?${C}` },
  { name: 'unit-manage', who: 'demo-staff', url: () => `/packages/units/pages/manage/index?${C}` },
  { name: 'unit-register', who: 'demo-staff', url: () => `/packages/units/pages/register/index?${C}` },
  { name: 'unit-report', who: 'demo-staff', url: () => `/packages/units/pages/report/index?${C}` },
  { name: 'unit-demands', who: 'demo-staff', url: () => `/packages/units/pages/demands/index?${C}` },
  { name: 'unit-resources', who: 'demo-staff', url: () => `/packages/units/pages/resources/index?${C}` },
  { name: 'venues-manage', who: 'demo-staff', url: () => `/packages/venues/pages/manage/index?${C}` },
  { name: 'venue-day', who: 'demo-staff', url: () => `/packages/venues/pages/day/index?${C}` },
  { name: 'member-roster', who: 'demo-staff', url: () => `/packages/members/pages/roster/index?${C}` },
  { name: 'news-edit', who: 'demo-staff', url: () => `/packages/members/pages/news-edit/index?${C}` },
  { name: 'reminder-outbox', who: 'demo-staff', url: () => `/packages/reminders/pages/outbox/index?${C}` },
]

/** The tab pages: Taro's bar shows no back or home there. */
const tabPages = new Set(['home', 'activities', 'wishes', 'me'])

/** What a person taps. Our own rows and tiles are Views with onClick, so they are named here by class. */
const TAP_TARGETS = [
  'button',
  '.nut-button',
  '.nut-cell-clickable',
  '.nut-switch',
  // Editable stars only (RatingField); read-only ones are a picture of a score.
  '.tx-rating .nut-rate-item',
  '.nut-tabs-titles-item',
  '.nut-checkbox',
  '.nut-radio',
  '[role=button]',
  '[role=checkbox]',
  '.home-tile',
  '.e2e-filter-tab',
  '.weui-tabbar__item',
  '.taro-navigation-bar-back',
  '.taro-navigation-bar-home',
].join(',')
/** Primary actions: a block button of the primary type. */
const PRIMARY = '.nut-button-primary.nut-button-block'

interface Measures {
  overflow: number
  /** Elements cut off at the right edge (a parent hides the overflow, so the page does not scroll, but the thing is off-screen). */
  clipped: string[]
  smallText: string[]
  tightLines: string[]
  smallTargets: string[]
  smallPrimary: string[]
  navBar: { shown: boolean; back: boolean; home: boolean; title: string }
}

/** Runs in the page: everything visible in the current page, the tab bar and the navigation bar. */
function measure({ name, targets, primary, minText }: { name: string; targets: string; primary: string; minText: number }): Measures {
  const root = document.querySelector(`.e2e-page-${name}`) as HTMLElement | null
  const visible = (el: Element): boolean => {
    const box = el.getBoundingClientRect()
    if (box.width === 0 || box.height === 0) return false
    const style = getComputedStyle(el)
    return style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) !== 0
  }
  const describe = (el: Element, extra: string) => `${el.tagName.toLowerCase()}.${String((el as HTMLElement).className).split(' ').slice(0, 3).join('.')} «${(el.textContent ?? '').trim().slice(0, 12)}» ${extra}`
  const smallText: string[] = []
  const tightLines: string[] = []
  const scope = root ? [root, ...Array.from(document.querySelectorAll('.weui-tabbar, #taro-navigation-bar'))] : []
  for (const container of scope) {
    for (const el of Array.from(container.querySelectorAll('*'))) {
      const ownText = Array.from(el.childNodes).some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim().length > 0)
      if (!ownText || !visible(el)) continue
      const style = getComputedStyle(el)
      const size = parseFloat(style.fontSize)
      if (size < minText - 0.01) smallText.push(describe(el, `${size.toFixed(1)}px`))
      if (style.lineHeight !== 'normal') {
        const ratio = parseFloat(style.lineHeight) / size
        // A one-line box (tag, button) may set its line height to its own height; only running text needs 1.3.
        if (ratio < 1.3 - 0.01 && el.getBoundingClientRect().height > size * 2) tightLines.push(describe(el, `${ratio.toFixed(2)}`))
      }
    }
  }
  const smallTargets: string[] = []
  const smallPrimary: string[] = []
  const tapScope = root ? [root, ...Array.from(document.querySelectorAll('.weui-tabbar, #taro-navigation-bar'))] : []
  for (const container of tapScope) {
    for (const el of Array.from(container.querySelectorAll(targets))) {
      if (!visible(el)) continue
      // A target inside another target is one tap area (a NutUI button's inner span, a cell's arrow).
      if (el.parentElement?.closest(targets) && container.contains(el.parentElement.closest(targets))) continue
      const box = el.getBoundingClientRect()
      if (box.width < 44 - 0.5 || box.height < 44 - 0.5) smallTargets.push(describe(el, `${box.width.toFixed(0)}×${box.height.toFixed(0)}`))
    }
  }
  for (const el of Array.from(root?.querySelectorAll(primary) ?? [])) {
    if (!visible(el)) continue
    const box = el.getBoundingClientRect()
    if (box.height < 60 - 0.5) smallPrimary.push(describe(el, `${box.width.toFixed(0)}×${box.height.toFixed(0)}`))
  }
  const bar = document.getElementById('taro-navigation-bar')
  const shownButton = (cls: string) => {
    const el = bar?.querySelector(cls)
    return !!el && getComputedStyle(el).display !== 'none'
  }
  const clipped: string[] = []
  const scrollsSideways = (el: Element): boolean => {
    for (let node = el.parentElement; node; node = node.parentElement) {
      const overflowX = getComputedStyle(node).overflowX
      if ((overflowX === 'auto' || overflowX === 'scroll') && node.scrollWidth > node.clientWidth) return true
    }
    return false
  }
  for (const el of Array.from(root?.querySelectorAll('*') ?? [])) {
    if (!visible(el)) continue
    const box = el.getBoundingClientRect()
    if (box.right > window.innerWidth + 1 && box.left < window.innerWidth && !scrollsSideways(el)) clipped.push(describe(el, `right ${box.right.toFixed(0)}`))
  }
  return {
    clipped: clipped.slice(0, 8),
    overflow: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth,
    smallText,
    tightLines,
    smallTargets,
    smallPrimary,
    navBar: {
      shown: !!bar && bar.classList.contains('taro-navigation-bar-show'),
      back: shownButton('.taro-navigation-bar-back'),
      home: shownButton('.taro-navigation-bar-home'),
      title: bar?.querySelector('.taro-navigation-bar-title')?.textContent ?? '',
    },
  }
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

interface AxeViolation {
  id: string
  nodes: Array<{ target: string[]; failureSummary?: string }>
}

/** axe-core on the visible page: contrast (WCAG AA 4.5:1) and names/labels of controls. */
async function axe(page: Page, name: string): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource })
  return page.evaluate(async (pageName) => {
    const root = document.querySelector(`.e2e-page-${pageName}`)
    const run = (window as unknown as { axe: { run: (context: Element, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe.run
    const result = await run(root ?? document.body, {
      runOnly: { type: 'rule', values: ['color-contrast', 'label', 'button-name', 'image-alt', 'input-button-name', 'aria-toggle-field-name', 'aria-input-field-name', 'select-name'] },
      resultTypes: ['violations'],
    })
    return result.violations.map((violation) => ({ id: violation.id, nodes: violation.nodes.slice(0, 5).map((node) => ({ target: node.target as string[], failureSummary: node.failureSummary })) }))
  }, name)
}

/** One phone per person and mode, logged in once; each page is opened on it by its URL. */
const phones = new Map<string, Page>()

async function phoneFor(browser: Browser, baseUrl: string, who: string, mode: Mode): Promise<Page> {
  const key = `${who}/${mode}`
  const known = phones.get(key)
  if (known) return known
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' })
  // 长辈版 is the person's stored choice (Taro's storage format); set before the app reads it.
  await context.addInitScript((large) => {
    try {
      window.localStorage.setItem('tongxin.largeText', JSON.stringify({ data: large }))
    } catch {
      // storage unavailable: the default mode
    }
  }, mode === 'elder')
  const page = await context.newPage()
  await loginAs(page, baseUrl, who)
  await page.locator('.e2e-home-community').waitFor({ timeout: 20_000 })
  phones.set(key, page)
  return page
}

async function settle(page: Page, name: string): Promise<void> {
  await page.locator(`.e2e-page-${name}:visible`).waitFor({ timeout: 20_000 })
  // Let the page's data arrive and its slide-in end.
  await page.waitForLoadState('networkidle').catch(() => undefined)
  await page.waitForTimeout(500)
}

async function openPage(browser: Browser, baseUrl: string, visit: PageVisit, ids: DemoIds, mode: Mode): Promise<Page> {
  const page = await phoneFor(browser, baseUrl, visit.who, mode)
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto(`${baseUrl}/#${visit.url(ids)}`)
  await page.reload()
  await settle(page, visit.name)
  return page
}

describeInBrowser('长辈版 and 适老化 on every page', () => {
  const suite = browserSuite('elder', { timeout: 120_000 })
  const report: Record<string, unknown> = {}
  let ids: DemoIds

  beforeAll(async () => {
    const first = async (collection: string, where: Where) =>
      ((await suite.server.db.collection(collection).where(where).limit(1).get()).data[0] as { _id: string })._id
    ids = {
      activityId: await first('activities', { communityId: 'c-xingfu', status: 'published' }),
      wishId: await first('wishes', { communityId: 'c-xingfu', status: 'open' }),
      announcementId: await first('announcements', { communityId: 'c-xingfu' }),
    }
  })

  afterAll(() => {
    console.log('适老化 measures per page and mode (problems only):\n' + JSON.stringify(report, null, 1))
  })

  it('should serve /favicon.ico from the H5 build', async () => {
    const response = await fetch(`${suite.server.url}/favicon.ico`)
    expect(response.status).toBe(200)
    const bytes = Buffer.from(await response.arrayBuffer())
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]))
  })

  for (const mode of ['normal', 'elder'] as const) {
    it.each(pages.map((visit) => [visit.name, visit] as const))(
      `should meet the numbers in ${mode} mode on %s`,
      async (_name, visit) => {
        const page = await openPage(suite.browser, suite.server.url, visit, ids, mode)
        {
          await page.screenshot({ path: join(artifacts, `elder-${mode}-${visit.name}.png`), fullPage: true })
          const measures = await page.evaluate(measure, { name: visit.name, targets: TAP_TARGETS, primary: PRIMARY, minText: mode === 'elder' ? 18 : 12 })
          const violations = await axe(page, visit.name)
          await page.setViewportSize({ width: 320, height: 700 })
          await page.reload()
          await settle(page, visit.name)
          const narrow = await page.evaluate(measure, { name: visit.name, targets: TAP_TARGETS, primary: PRIMARY, minText: 0 })
          const overflow320 = narrow.overflow
          const clipped320 = narrow.clipped
          if (overflow320 > 0 || clipped320.length > 0) await page.screenshot({ path: join(artifacts, `elder-${mode}-${visit.name}-320.png`), fullPage: true })

          const problems = {
            clipped: measures.clipped,
            clipped320,
            overflow: measures.overflow,
            overflow320,
            smallText: measures.smallText.slice(0, 8),
            tightLines: measures.tightLines.slice(0, 8),
            smallTargets: measures.smallTargets.slice(0, 8),
            smallPrimary: mode === 'elder' ? measures.smallPrimary.slice(0, 8) : [],
            axe: violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')} — ${violation.nodes[0]?.failureSummary ?? ''}`),
          }
          const key = `${mode}/${visit.name}`
          if (Object.values(problems).some((value) => (Array.isArray(value) ? value.length > 0 : value > 0))) report[key] = problems
          expect({ key, overflow: measures.overflow, overflow320 }).toEqual({ key, overflow: 0, overflow320: 0 })
          expect({ key, clipped: measures.clipped, clipped320 }).toEqual({ key, clipped: [], clipped320: [] })
          expect({ key, smallText: measures.smallText }).toEqual({ key, smallText: [] })
          expect({ key, tightLines: measures.tightLines }).toEqual({ key, tightLines: [] })
          expect({ key, smallTargets: measures.smallTargets }).toEqual({ key, smallTargets: [] })
          if (mode === 'elder') expect({ key, smallPrimary: measures.smallPrimary }).toEqual({ key, smallPrimary: [] })
          expect({ key, axe: problems.axe }).toEqual({ key, axe: [] })
          // Every page that is not a tab has Taro's navigation bar with a way out: back, or home without history.
          expect(measures.navBar.shown).toBe(true)
          if (!tabPages.has(visit.name)) expect({ key, way: measures.navBar.back || measures.navBar.home }).toEqual({ key, way: true })
        }
      },
      90_000,
    )
  }
})
