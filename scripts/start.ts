/**
 * `npm start`: build the H5 app if it is missing or older than src/, open (and
 * on first run seed) the local database, and serve the app and every function.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { demoIdentities } from '../cloudfunctions/lib/demo/identities'
import { startLocalServer } from '../cloudfunctions/lib/runtime/local/server'
import { dataDir, h5Dir, port, root } from './paths'

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

function ensureH5Build(): void {
  const index = join(h5Dir, 'index.html')
  const stale = !existsSync(index) || newestMtime(join(root, 'src')) > statSync(index).mtimeMs
  if (!stale) return
  console.log('正在构建 H5 应用（首次约 20 秒）… / building the H5 app…')
  const result = spawnSync('npx', ['taro', 'build', '--type', 'h5'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (result.status !== 0) throw new Error('H5 build failed')
}

async function main() {
  if (process.env.SKIP_H5_BUILD !== '1') ensureH5Build()
  const server = await startLocalServer({ dataDir, port, host: process.env.HOST ?? '127.0.0.1', h5Dir, seed: true, runTimers: true })
  console.log(`\n同心社区 is running at ${server.url}  (data: ${dataDir})`)
  console.log('Demo identities (pick one on the login page):')
  for (const identity of demoIdentities) console.log(`  ${identity.openid.padEnd(22)} ${identity.name}  ${identity.label}`)
  const stop = async () => {
    await server.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
