/** `npm run reset`: wipe the local database and seed the demo data again. */
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { openLocalDatabase } from '../cloudfunctions/lib/db/local'
import { seedDemo } from '../cloudfunctions/lib/demo/seed'
import { dataDir } from './paths'

async function main() {
  mkdirSync(dataDir, { recursive: true })
  for (const file of ['tongxin.db', 'tongxin.db-wal', 'tongxin.db-shm', 'session.secret', 'signing.secret']) rmSync(join(dataDir, file), { force: true })
  const db = openLocalDatabase({ file: join(dataDir, 'tongxin.db') })
  await seedDemo(db)
  db.close()
  console.log(`Reset ${dataDir}: demo data seeded.`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
