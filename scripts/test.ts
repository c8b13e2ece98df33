/**
 * `npm test`: every check the project has, in one command.
 *   1. typecheck (tsc --noEmit; swc in jest does not type-check)
 *   2. jest: unit, contract, integration
 *   3. deploy check (npm run deploy -- --check: the plan against CloudBase's limits, no credentials)
 *   4. function bundles (esbuild; fails if local-only code leaks in)
 *   5. weapp build + main-package size budget
 *   6. H5 build + end-to-end in Debian Chromium (skipped, with a note, when Chromium is absent)
 * Every step runs; the exit code is non-zero if any failed. The last line
 * sums the jest tests: "tests: N passed, N failed".
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { root } from './paths'

interface StepResult {
  name: string
  ok: boolean
  seconds: number
}

const results: StepResult[] = []
const jestTotals = { passed: 0, failed: 0, skipped: 0 }
const reportDir = join(root, 'test/artifacts')
mkdirSync(reportDir, { recursive: true })

function step(name: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`)
  const started = Date.now()
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  const ok = run.status === 0
  results.push({ name, ok, seconds: (Date.now() - started) / 1000 })
  return ok
}

function jest(name: string, projects: string[]): void {
  const report = join(reportDir, `jest-${name}.json`)
  rmSync(report, { force: true })
  step(`jest ${name}`, 'npx', ['jest', '--selectProjects', ...projects, '--json', `--outputFile=${report}`])
  if (!existsSync(report)) return
  const summary = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number }
  jestTotals.passed += summary.numPassedTests
  jestTotals.failed += summary.numFailedTests
  jestTotals.skipped += summary.numPendingTests
}

step('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'])
jest('unit-contract-integration', ['unit', 'contract', 'integration'])
step('deploy check', 'npx', ['tsx', 'scripts/deploy.ts', '--check'])
step('function bundles', 'npx', ['tsx', 'scripts/build-functions.ts'])
if (step('weapp build', 'npx', ['taro', 'build', '--type', 'weapp'], { NODE_ENV: 'production' })) {
  step('weapp size budget', 'npx', ['tsx', 'scripts/check-size.ts'])
}
if (step('H5 build', 'npx', ['taro', 'build', '--type', 'h5'], { NODE_ENV: 'production' })) {
  jest('e2e', ['e2e'])
}

console.log('\nSummary')
for (const result of results) console.log(`  ${result.ok ? '✓' : '✗'} ${result.name.padEnd(28)} ${result.seconds.toFixed(1)} s`)
const failedSteps = results.filter((result) => !result.ok)
console.log(`tests: ${jestTotals.passed} passed, ${jestTotals.failed} failed${jestTotals.skipped ? `, ${jestTotals.skipped} skipped` : ''}`)
process.exit(failedSteps.length === 0 && jestTotals.failed === 0 ? 0 : 1)
