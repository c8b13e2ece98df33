/**
 * One racing process for multiprocess.test.ts: opens the shared database
 * file and hammers it, then prints what it did as JSON on stdout.
 * Usage: tsx racer.ts <file> <rounds> <counterId> <accountA> <accountB> <taskIds,…>
 */
import { openLocalDatabase } from '../../../cloudfunctions/lib/db/local'

async function main() {
  const [file, roundsText, counterId, a, b, taskList] = process.argv.slice(2)
  const rounds = Number(roundsText)
  const db = openLocalDatabase({ file })
  const _ = db.command
  const users = db.collection('users')
  let moved = 0
  const won: string[] = []
  for (let round = 0; round < rounds; round++) {
    await users.doc(counterId).update({ count: _.inc(1) })
    const amount = (round % 3) + 1
    const [from, to, sign] = round % 2 === 0 ? [a, b, 1] : [b, a, -1]
    await db.runTransaction(async (tx) => {
      const source = (await tx.collection('users').doc(from).get()).data!
      const target = (await tx.collection('users').doc(to).get()).data!
      await tx.collection('users').doc(from).update({ balance: (source.balance as number) - amount })
      await tx.collection('users').doc(to).update({ balance: (target.balance as number) + amount })
    }, 1000)
    moved += sign * amount
  }
  for (const task of taskList.split(',')) {
    const { updated } = await users.where({ _id: task, status: 'open' }).update({ status: 'claimed', by: process.pid })
    if (updated === 1) won.push(task)
  }
  db.close()
  process.stdout.write(JSON.stringify({ moved, won }))
}

main().catch((error) => {
  process.stderr.write(String(error?.stack ?? error))
  process.exit(1)
})
