/**
 * Size check for the weapp build (run after `npm run build:weapp`):
 * the main package is everything in dist/weapp except the subpackage roots
 * declared in app.json. WeChat refuses a main package over 2 MB; our budget
 * is half that, so growth shows up here long before it blocks an upload.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'

const MAIN_PACKAGE_BUDGET_BYTES = 1024 * 1024
/** WeChat's own limit for any one subpackage (and for the main package). */
const PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024
const TOP_FILES = 5

const distDir = resolve(__dirname, '..', 'dist/weapp')

interface FileSize {
  path: string
  bytes: number
}

function listFiles(dir: string): FileSize[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name)
    const stat = statSync(full)
    return stat.isDirectory() ? listFiles(full) : [{ path: relative(distDir, full).split(sep).join('/'), bytes: stat.size }]
  })
}

/** `packages/shop` holds `packages/shop/x.js` but not `packages/shopping/x.js`. */
const isUnder = (path: string, root: string) => path === root || path.startsWith(`${root.replace(/\/+$/, '')}/`)

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const sum = (files: FileSize[]) => files.reduce((total, file) => total + file.bytes, 0)

function subpackageRoots(): string[] {
  const appJson = JSON.parse(readFileSync(join(distDir, 'app.json'), 'utf8')) as {
    subPackages?: Array<{ root: string }>
    subpackages?: Array<{ root: string }>
  }
  return (appJson.subPackages ?? appJson.subpackages ?? []).map((sub) => sub.root.replace(/^\/+/, ''))
}

function main(): number {
  if (!existsSync(join(distDir, 'app.json'))) {
    console.error(`没有找到 ${relative(process.cwd(), distDir)}/app.json：请先运行 npm run build:weapp`)
    return 1
  }
  const roots = subpackageRoots()
  const files = listFiles(distDir)
  const mainFiles = files.filter((file) => !roots.some((root) => isUnder(file.path, root)))
  const mainBytes = sum(mainFiles)

  console.log(`main package: ${kb(mainBytes)} (budget ${kb(MAIN_PACKAGE_BUDGET_BYTES)}, ${mainFiles.length} files)`)
  for (const file of [...mainFiles].sort((a, b) => b.bytes - a.bytes).slice(0, TOP_FILES)) {
    console.log(`  ${kb(file.bytes).padStart(10)}  ${file.path}`)
  }
  const oversized: string[] = []
  for (const root of roots) {
    const subFiles = files.filter((file) => isUnder(file.path, root))
    const subBytes = sum(subFiles)
    console.log(`subpackage ${root}: ${kb(subBytes)} (${subFiles.length} files)`)
    if (subBytes > PACKAGE_LIMIT_BYTES) oversized.push(`subpackage ${root} is ${kb(subBytes)}, over WeChat's ${kb(PACKAGE_LIMIT_BYTES)}`)
  }
  console.log(`total: ${kb(sum(files))}`)

  for (const message of oversized) console.error(message)
  if (oversized.length > 0) return 1
  if (mainBytes > MAIN_PACKAGE_BUDGET_BYTES) {
    console.error(`main package is ${kb(mainBytes - MAIN_PACKAGE_BUDGET_BYTES)} over budget`)
    return 1
  }
  return 0
}

process.exitCode = main()
