/**
 * `npm run deploy`: build the functions and push them, the collections
 * (ADMINONLY) and their indexes to the CloudBase environment in TCB_ENV_ID,
 * using TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY. Safe to run again:
 * existing collections are kept, indexes are compared by spec (keys,
 * directions, uniqueness) and a changed one is dropped and created again,
 * functions are overwritten with their one trigger. One failing function does
 * not stop the others; the summary lists every failure and the exit code is
 * non-zero if there was one.
 *
 * `npm run deploy -- --check`: no credentials, no network. Prints the plan
 * (each function's trigger, settings, environment size and how it calls
 * WeChat) and checks it against CloudBase's documented limits
 * (scripts/deploy-plan.ts); exits non-zero on any violation.
 */
import { buildFunctions } from './build-functions'
import { checkDeployPlan, deployPlan, describePlan, indexChanges, type DeployPlan, type ExistingIndex, type IndexPlan } from './deploy-plan'
import { root } from './paths'

function check(): number {
  const plan = deployPlan(process.env, true)
  console.log(describePlan(plan))
  console.log('(environment sizes count every variable deploy could set; what the environment lacks is a placeholder of realistic length)')
  const problems = checkDeployPlan(plan)
  for (const problem of problems) console.error(`✗ ${problem}`)
  console.log(problems.length ? `deploy check: ${problems.length} problems` : 'deploy check: within CloudBase limits')
  return problems.length ? 1 : 0
}

interface Outcome {
  what: string
  ok: boolean
  note?: string
}

const toIndexKeys = (index: IndexPlan) => ({
  IndexName: index.name,
  MgoKeySchema: { MgoIsUnique: index.unique, MgoIndexKeys: index.keys.map(([name, direction]) => ({ Name: name, Direction: String(direction) })) },
})

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

async function deploy(): Promise<number> {
  const { TCB_ENV_ID: envId, TENCENTCLOUD_SECRETID: secretId, TENCENTCLOUD_SECRETKEY: secretKey, TONGXIN_SIGNING_KEY: signingKey } = process.env
  if (!envId || !secretId || !secretKey || !signingKey || signingKey.length < 32) {
    console.error(
      'Set TCB_ENV_ID, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY and TONGXIN_SIGNING_KEY (≥ 32 characters, e.g. `openssl rand -hex 32`; keep it: check-in and pick-up codes are signed with it). See README「部署到云开发」.',
    )
    return 2
  }
  const plan: DeployPlan = deployPlan(process.env)
  const problems = checkDeployPlan(plan)
  if (problems.length) {
    for (const problem of problems) console.error(`✗ ${problem}`)
    console.error('Not deploying: fix these first (npm run deploy -- --check).')
    return 1
  }
  console.log(describePlan(plan))

  // manager-node loads only here: the check above needs neither it nor the network.
  const { default: CloudBase } = await import('@cloudbase/manager-node')
  const manager = new CloudBase({ envId, secretId, secretKey })
  const outcomes: Outcome[] = []

  for (const collection of plan.collections) {
    const what = `collection ${collection.name}`
    try {
      await manager.database.createCollectionIfNotExists(collection.name)
      const described = await manager.database.describeCollection(collection.name)
      const changes = indexChanges(collection.indexes, (described.Indexes ?? []) as ExistingIndex[])
      const notes: string[] = []
      for (const index of changes.recreate) {
        // The API has no "alter index": drop the old spec, then create the new one under the same name.
        try {
          await manager.database.updateCollection(collection.name, { DropIndexes: [{ IndexName: index.name }] })
        } catch (error) {
          throw new Error(`index ${index.name} changed spec but could not be dropped (${messageOf(error)}); drop it in the console and deploy again`)
        }
        await manager.database.updateCollection(collection.name, { CreateIndexes: [toIndexKeys(index)] })
        notes.push(`recreated ${index.name}`)
      }
      if (changes.create.length) {
        await manager.database.updateCollection(collection.name, { CreateIndexes: changes.create.map(toIndexKeys) })
        notes.push(`created ${changes.create.map((index) => index.name).join(', ')}`)
      }
      if (changes.undeclared.length) notes.push(`not in schema.ts (left alone): ${changes.undeclared.join(', ')}`)
      // Deprecated in manager-node since the gateway's rules moved to OPA: try it, and say so when it fails.
      try {
        await manager.permission.modifyResourcePermission({ resourceType: 'collection', resource: collection.name, permission: 'ADMINONLY' })
      } catch (error) {
        notes.push(`could not set ADMINONLY (${messageOf(error)}): check 数据库 → 权限 in the console`)
      }
      outcomes.push({ what, ok: true, note: notes.join('; ') || `${changes.unchanged.length} indexes as declared` })
    } catch (error) {
      outcomes.push({ what, ok: false, note: messageOf(error) })
    }
    const last = outcomes[outcomes.length - 1]
    console.log(`${last.ok ? '✓' : '✗'} ${what}: ${last.note}`)
  }

  const templates = Object.keys(plan.functions.find((fn) => fn.name === 'reminders')?.envVariables ?? {}).filter((key) => /^TONGXIN_TEMPLATE_[A-Z_]+$/.test(key) && !key.endsWith('_KEYS'))
  console.log(`订阅消息 templates: ${templates.length ? templates.join(', ') : 'none (reminders stay in 我的消息 only)'}`)

  await buildFunctions()
  for (const fn of plan.functions) {
    const what = `function ${fn.name}`
    try {
      // CloudBase allows one trigger per function: remove whatever an earlier deploy left (old
      // names such as deliver/daily, or the tick itself) before createFunction adds the one tick.
      const existing = await manager.functions.getFunctionDetail(fn.name).catch(() => null)
      for (const trigger of (existing as { Triggers?: Array<{ TriggerName: string; Type: string }> } | null)?.Triggers ?? []) {
        if (trigger.Type === 'timer') await manager.functions.deleteFunctionTrigger(fn.name, trigger.TriggerName)
      }
      await manager.functions.createFunction({
        func: {
          name: fn.name,
          runtime: fn.runtime,
          timeout: fn.timeout,
          memorySize: fn.memorySize,
          handler: fn.handler,
          installDependency: fn.installDependency,
          envVariables: fn.envVariables,
          ...(fn.triggers.length ? { triggers: fn.triggers } : {}),
        },
        functionRootPath: `${root}/dist/cloudfunctions`,
        force: true,
      })
      const wechat = fn.openApiMode === 'cloud' ? ` (WeChat by 云调用: upload ${fn.name} from WeChat DevTools once so its openapi permissions apply)` : ''
      outcomes.push({ what, ok: true, note: `deployed${wechat}` })
    } catch (error) {
      outcomes.push({ what, ok: false, note: messageOf(error) })
    }
    const last = outcomes[outcomes.length - 1]
    console.log(`${last.ok ? '✓' : '✗'} ${what}: ${last.note}`)
  }

  const failed = outcomes.filter((outcome) => !outcome.ok)
  console.log(`\nSummary: ${outcomes.length - failed.length} done, ${failed.length} failed`)
  for (const outcome of failed) console.log(`  ✗ ${outcome.what}: ${outcome.note}`)
  return failed.length ? 1 : 0
}

if (process.argv.includes('--check')) process.exit(check())
else
  deploy()
    .then((code) => process.exit(code))
    .catch((error) => {
      console.error(error)
      process.exit(1)
    })
