/**
 * Several processes on one database file, as the local server and a test
 * process are: increments, transactions and conditional updates racing
 * across processes must behave as they do within one.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openLocalDatabase } from '../../../cloudfunctions/lib/db/local'

const PROCESSES = 3
const ROUNDS = 40
const TASKS = Array.from({ length: 30 }, (_unused, i) => `task-${i}`)

function race(args: string[]): Promise<{ moved: number; won: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), join(__dirname, 'racer.ts'), ...args])
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.stderr.on('data', (chunk) => (err += chunk))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`racer exited ${code}: ${err}`))))
  })
}

test('should lose no increment, transfer or claim when processes race on one file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tongxin-race-'))
  const file = join(dir, 'race.db')
  const db = openLocalDatabase({ file })
  try {
    const users = db.collection('users')
    await users.add({ _id: 'counter', openid: 'counter', count: 0 })
    await users.add({ _id: 'a', openid: 'a', balance: 1000 })
    await users.add({ _id: 'b', openid: 'b', balance: 1000 })
    for (const task of TASKS) await users.add({ _id: task, openid: task, status: 'open' })

    const results = await Promise.all(
      Array.from({ length: PROCESSES }, () => race([file, String(ROUNDS), 'counter', 'a', 'b', TASKS.join(',')])),
    )

    const get = async (id: string) => (await users.doc(id).get()).data[0]
    expect((await get('counter')).count).toBe(PROCESSES * ROUNDS)
    const moved = results.reduce((sum, result) => sum + result.moved, 0)
    expect((await get('a')).balance).toBe(1000 - moved)
    expect((await get('b')).balance).toBe(1000 + moved)
    const won = results.flatMap((result) => result.won)
    expect(won.sort()).toEqual([...TASKS].sort())
    expect(await users.where({ status: 'claimed' }).count()).toEqual({ total: TASKS.length })
  } finally {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}, 60_000)
