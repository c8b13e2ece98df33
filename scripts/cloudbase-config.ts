/**
 * Builds cloudbaserc.json from the code: the functions in cloudfunctions/
 * and the collections and indexes in schema.ts, every collection ADMINONLY.
 * `npx tsx scripts/cloudbase-config.ts` rewrites the file; a unit test fails
 * when the committed file is stale.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { schema, type CollectionSpec } from '../cloudfunctions/lib/db/schema'
import { functionNames, functionSettings, functionTriggers } from './functions'
import { root } from './paths'

export function cloudbaseConfig() {
  return {
    version: '2.0',
    envId: '{{env.TCB_ENV_ID}}',
    functionRoot: './dist/cloudfunctions',
    functions: functionNames().map((name) => {
      const triggers = functionTriggers(name)
      return { name, ...functionSettings, ...(triggers.length ? { triggers } : {}) }
    }),
    framework: {
      name: 'tongxin',
      plugins: {
        database: {
          use: '@cloudbase/framework-plugin-database',
          inputs: {
            collections: (Object.entries(schema) as Array<[string, CollectionSpec]>).map(([collectionName, spec]) => ({
              collectionName,
              aclTag: 'ADMINONLY',
              createIndexes: spec.indexes.map((index) => ({
                name: index.name,
                unique: index.unique ?? false,
                keys: index.keys.map(([name, direction]) => ({ name, direction: String(direction) })),
              })),
            })),
          },
        },
      },
    },
  }
}

export const cloudbaseConfigPath = join(root, 'cloudbaserc.json')

export const renderCloudbaseConfig = () => `${JSON.stringify(cloudbaseConfig(), null, 2)}\n`

if (require.main === module) {
  writeFileSync(cloudbaseConfigPath, renderCloudbaseConfig())
  console.log(`wrote ${cloudbaseConfigPath}`)
}
