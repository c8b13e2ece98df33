/**
 * `npm run deploy`: build the functions and push them, the collections
 * (ADMINONLY) and their indexes to the CloudBase environment in TCB_ENV_ID,
 * using TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY. Safe to run again:
 * existing collections and indexes are kept, functions are overwritten.
 */
import CloudBase from '@cloudbase/manager-node'
import { buildFunctions } from './build-functions'
import { cloudbaseConfig } from './cloudbase-config'
import { functionSettings } from './functions'
import { root } from './paths'

async function main() {
  const { TCB_ENV_ID: envId, TENCENTCLOUD_SECRETID: secretId, TENCENTCLOUD_SECRETKEY: secretKey, TONGXIN_SIGNING_KEY: signingKey } = process.env
  if (!envId || !secretId || !secretKey || !signingKey || signingKey.length < 32) {
    console.error(
      'Set TCB_ENV_ID, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY and TONGXIN_SIGNING_KEY (≥ 32 characters, e.g. `openssl rand -hex 32`; keep it: check-in and pick-up codes are signed with it). See README「部署到云开发」.',
    )
    process.exit(2)
  }
  const manager = new CloudBase({ envId, secretId, secretKey })
  const config = cloudbaseConfig()

  for (const collection of config.framework.plugins.database.inputs.collections) {
    await manager.database.createCollectionIfNotExists(collection.collectionName)
    for (const index of collection.createIndexes) {
      const exists = await manager.database.checkIndexExists(collection.collectionName, index.name)
      if (exists.Exists) continue
      await manager.database.updateCollection(collection.collectionName, {
        CreateIndexes: [
          {
            IndexName: index.name,
            MgoKeySchema: { MgoIsUnique: index.unique, MgoIndexKeys: index.keys.map((key) => ({ Name: key.name, Direction: key.direction })) },
          },
        ],
      })
    }
    await manager.permission.modifyResourcePermission({ resourceType: 'collection', resource: collection.collectionName, permission: 'ADMINONLY' })
    console.log(`collection ${collection.collectionName}: ${collection.createIndexes.length} indexes, ADMINONLY`)
  }

  // 订阅消息 template ids (TONGXIN_TEMPLATE_<REASON>[_KEYS]) and the version a message opens travel with
  // the deployment, like the signing key: the functions read them from their environment.
  const envVariables: Record<string, string> = { TONGXIN_SIGNING_KEY: signingKey }
  for (const [key, value] of Object.entries(process.env)) {
    if (value && /^TONGXIN_(TEMPLATE_|MINIPROGRAM_STATE$)/.test(key)) envVariables[key] = value
  }
  const templates = Object.keys(envVariables).filter((key) => /^TONGXIN_TEMPLATE_[A-Z_]+$/.test(key) && !key.endsWith('_KEYS'))
  console.log(`订阅消息 templates: ${templates.length ? templates.join(', ') : 'none (reminders stay in 我的消息 only)'}`)

  const built = await buildFunctions()
  for (const { name } of built) {
    const declared = config.functions.find((fn) => fn.name === name)
    await manager.functions.createFunction({
      func: { name, ...functionSettings, envVariables, ...(declared && 'triggers' in declared ? { triggers: declared.triggers } : {}) },
      functionRootPath: `${root}/dist/cloudfunctions`,
      force: true,
    })
    console.log(`function ${name} deployed`)
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
