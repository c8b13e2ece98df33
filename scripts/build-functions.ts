/**
 * `npm run build:functions`: bundle each cloudfunctions/<name>/index.ts with
 * esbuild into dist/cloudfunctions/<name>/index.js plus a package.json whose
 * only dependency is @cloudbase/node-sdk (installed by CloudBase on deploy).
 */
import { build } from 'esbuild'
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { functionNames, functionTriggers, openapiPermissions } from './functions'
import { root } from './paths'

const outRoot = join(root, 'dist/cloudfunctions')
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdkVersion: string = require('../package.json').dependencies['@cloudbase/node-sdk']
/** Local-only modules that must never reach a deployed bundle. */
const forbidden = ['better-sqlite3', 'fastify', 'db/local/']

/**
 * Files a function reads at run time, copied beside its bundle (esbuild
 * bundles code, not data): the certificate's font (lib/certificates/pdf.ts
 * looks beside itself first).
 */
const assets: Record<string, Array<{ from: string; to: string }>> = {
  certificates: [{ from: require.resolve('@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff'), to: 'noto-sans-sc.woff' }],
}

/** The config.json of a function folder, for an upload from WeChat DevTools (云调用 permissions, triggers). */
export function functionConfigJson(name: string): { permissions: { openapi: string[] }; triggers?: Array<{ name: string; type: 'timer'; config: string }> } {
  const triggers = functionTriggers(name)
  return { permissions: { openapi: openapiPermissions[name] ?? [] }, ...(triggers.length ? { triggers } : {}) }
}

export async function buildFunctions(): Promise<Array<{ name: string; bytes: number }>> {
  rmSync(outRoot, { recursive: true, force: true })
  const results: Array<{ name: string; bytes: number }> = []
  for (const name of functionNames()) {
    const outDir = join(outRoot, name)
    mkdirSync(outDir, { recursive: true })
    const result = await build({
      entryPoints: [join(root, 'cloudfunctions', name, 'index.ts')],
      outfile: join(outDir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['@cloudbase/node-sdk'],
      metafile: true,
      minify: false,
      sourcemap: false,
      legalComments: 'none',
      logLevel: 'warning',
    })
    const inputs = Object.keys(result.metafile.inputs)
    const leaked = inputs.filter((input) => forbidden.some((pattern) => input.includes(pattern)))
    if (leaked.length > 0) throw new Error(`${name} bundles local-only code: ${leaked.join(', ')}`)
    writeFileSync(
      join(outDir, 'package.json'),
      `${JSON.stringify({ name: `tongxin-${name}`, version: '1.0.0', private: true, main: 'index.js', dependencies: { '@cloudbase/node-sdk': sdkVersion } }, null, 2)}\n`,
    )
    for (const asset of assets[name] ?? []) copyFileSync(asset.from, join(outDir, asset.to))
    // What WeChat DevTools reads on upload: the 云调用 permissions and the one timer trigger.
    writeFileSync(join(outDir, 'config.json'), `${JSON.stringify(functionConfigJson(name), null, 2)}\n`)
    const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0)
    results.push({ name, bytes })
  }
  return results
}

if (require.main === module) {
  buildFunctions()
    .then((results) => {
      for (const { name, bytes } of results) console.log(`  ${name.padEnd(14)} ${(bytes / 1024).toFixed(1)} KB`)
      console.log(`built ${results.length} functions into ${outRoot}`)
    })
    .catch((error) => {
      console.error(error)
      process.exit(1)
    })
}
