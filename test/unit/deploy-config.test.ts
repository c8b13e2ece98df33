import { readFileSync } from 'node:fs'
import { functions } from '../../cloudfunctions/registry'
import { functionConfigJson } from '../../scripts/build-functions'
import { cloudbaseConfigPath, renderCloudbaseConfig } from '../../scripts/cloudbase-config'
import { checkDeployPlan, cronProblem, deployPlan, envVariablesFor, indexChanges, type DeployPlan, type FunctionPlan } from '../../scripts/deploy-plan'
import { functionNames } from '../../scripts/functions'

describe('deployment configuration', () => {
  it('should keep cloudbaserc.json in step with schema.ts and the function folders (run `npx tsx scripts/cloudbase-config.ts`)', () => {
    expect(readFileSync(cloudbaseConfigPath, 'utf8')).toBe(renderCloudbaseConfig())
  })

  it('should serve locally exactly the functions that are deployed', () => {
    expect(Object.keys(functions).sort()).toEqual(functionNames())
  })

  it('should close every collection to clients', () => {
    const config = JSON.parse(readFileSync(cloudbaseConfigPath, 'utf8'))
    const collections = config.framework.plugins.database.inputs.collections as Array<{ aclTag: string }>
    expect(collections.length).toBeGreaterThan(0)
    expect(collections.every((collection) => collection.aclTag === 'ADMINONLY')).toBe(true)
  })

  it('should give every function at most one trigger, named tick, in cloudbaserc.json (CloudBase allows one)', () => {
    const config = JSON.parse(readFileSync(cloudbaseConfigPath, 'utf8'))
    for (const fn of config.functions as Array<{ name: string; triggers?: Array<{ name: string }> }>) {
      expect([fn.name, (fn.triggers ?? []).length <= 1]).toEqual([fn.name, true])
      for (const trigger of fn.triggers ?? []) expect(trigger.name).toBe('tick')
    }
  })

  it('should write config.json for a DevTools upload with the 云调用 permissions and the one trigger', () => {
    expect(functionConfigJson('reminders')).toEqual({ permissions: { openapi: ['subscribeMessage.send'] }, triggers: [{ name: 'tick', type: 'timer', config: '0 */5 * * * * *' }] })
    expect(functionConfigJson('wishes').permissions.openapi).toEqual(['security.msgSecCheck'])
    expect(functionConfigJson('users')).toEqual({ permissions: { openapi: [] } })
  })
})

describe('deploy --check', () => {
  const plan = (): DeployPlan => deployPlan({}, true)
  const withFunction = (change: (fn: FunctionPlan) => Partial<FunctionPlan>): DeployPlan => {
    const base = plan()
    return { ...base, functions: base.functions.map((fn) => (fn.name === 'reminders' ? { ...fn, ...change(fn) } : fn)) }
  }

  it('should pass the plan built from the code, every environment variable at a realistic length', () => {
    expect(checkDeployPlan(plan())).toEqual([])
  })

  it('should refuse two triggers on one function', () => {
    const twoTriggers = withFunction(() => ({
      triggers: [
        { name: 'deliver', type: 'timer', config: '0 */5 * * * * *' },
        { name: 'daily', type: 'timer', config: '0 0 8 * * * *' },
      ],
    }))
    expect(checkDeployPlan(twoTriggers)).toEqual([expect.stringMatching(/function reminders: 2 triggers \(deliver, daily\); CloudBase allows one/)])
  })

  it.each([
    ['0 */5 * * * *', /6 fields/],
    ['0 60 * * * * *', /minute "60"/],
    ['0 0 24 * * * *', /hour "24"/],
    ['0 0 8 0 * * *', /day "0"/],
    ['0 0 8 * 13 * *', /month "13"/],
    ['0 0 8 * * 7 *', /week "7"/],
    ['0 0 8 * * * 2100', /year "2100"/],
    ['0 */0 * * * * *', /minute "\*\/0" has a bad step/],
    ['0 0 8 L * * *', /day "L"/],
    ['0 0 10-8 * * * *', /hour "10-8"/],
  ])('should refuse the cron %j', (cron, problem) => {
    expect(cronProblem(cron)).toMatch(problem)
    expect(checkDeployPlan(withFunction(() => ({ triggers: [{ name: 'tick', type: 'timer', config: cron }] })))).toHaveLength(1)
  })

  it.each(['0 0 2 1 * * *', '0 15 10 * * MON-FRI *', '0 0 10,14,16 * * * *', '0 */30 9-17 * * * *', '*/5 * * * * * *', '0 1/10 * * JAN-DEC * 2031'])('should accept the cron %j', (cron) => {
    expect(cronProblem(cron)).toBeNull()
  })

  it('should refuse bad names, runtimes, memory sizes and timeouts', () => {
    const problems = checkDeployPlan(withFunction(() => ({ name: '1-reminders', runtime: 'Nodejs22.0', memorySize: 200, timeout: 900 })))
    expect(problems).toEqual([
      expect.stringMatching(/1-reminders: a name is 2–60/),
      expect.stringMatching(/runtime Nodejs22.0/),
      expect.stringMatching(/timeout 900 s is outside 1–60 s/),
      expect.stringMatching(/memory 200 MB/),
    ])
    expect(checkDeployPlan(withFunction(() => ({ name: `r${'x'.repeat(60)}` })))).toEqual([expect.stringMatching(/a name is 2–60/)])
    expect(checkDeployPlan(withFunction(() => ({ triggers: [{ name: '5min', type: 'timer', config: '0 0 * * * * *' }] })))).toEqual([expect.stringMatching(/trigger name "5min"/)])
  })

  it('should refuse environment variables over 4 KB in all, and keys that are not names', () => {
    const tooLong = withFunction((fn) => ({ envVariables: { ...fn.envVariables, TONGXIN_NOTE: '长'.repeat(1200) } }))
    expect(checkDeployPlan(tooLong)).toEqual([expect.stringMatching(/function reminders: environment variables take \d+ bytes; the limit is 4096/)])
    expect(checkDeployPlan(withFunction((fn) => ({ envVariables: { ...fn.envVariables, 'BAD-KEY': 'x' } })))).toEqual([expect.stringMatching(/"BAD-KEY"/)])
  })

  it('should refuse more than 20 indexes in a collection (with _id), two indexes on one key pattern, and more than 100 collections', () => {
    const base = plan()
    const indexes = Array.from({ length: 20 }, (_, index) => ({ name: `i${index}`, keys: [[`f${index}`, 1]] as Array<[string, number]>, unique: false }))
    expect(checkDeployPlan({ ...base, collections: [{ name: 'wide', indexes }] })).toEqual([expect.stringMatching(/collection wide: 20 indexes and _id make 21; the limit is 20/)])
    const twins = [
      { name: 'a', keys: [['userId', 1], ['createdAt', -1]] as Array<[string, number]>, unique: false },
      { name: 'b', keys: [['userId', 1], ['createdAt', -1]] as Array<[string, number]>, unique: true },
    ]
    expect(checkDeployPlan({ ...base, collections: [{ name: 'twins', indexes: twins }] })).toEqual([expect.stringMatching(/indexes a and b have the same keys/)])
    const many = Array.from({ length: 101 }, (_, index) => ({ name: `c${index}`, indexes: [] }))
    expect(checkDeployPlan({ ...base, collections: many })).toEqual([expect.stringMatching(/101 collections: the limit is 100/)])
  })

  it('should say which way each function calls WeChat, and give the appid and secret only to those that call it', () => {
    const server = deployPlan({ WX_APPID: 'wx0123456789abcdef', WX_APPSECRET: 'secret' })
    const cloud = deployPlan({})
    const mode = (p: DeployPlan, name: string) => p.functions.find((fn) => fn.name === name)!.openApiMode
    expect([mode(server, 'wishes'), mode(server, 'reminders'), mode(server, 'users')]).toEqual(['server', 'server', null])
    expect([mode(cloud, 'wishes'), mode(cloud, 'reminders'), mode(cloud, 'users')]).toEqual(['cloud', 'cloud', null])
    expect(Object.keys(envVariablesFor('wishes', { WX_APPID: 'wx1', WX_APPSECRET: 's', TONGXIN_SIGNING_KEY: 'k' }))).toEqual(['TONGXIN_SIGNING_KEY', 'WX_APPID', 'WX_APPSECRET'])
    expect(Object.keys(envVariablesFor('users', { WX_APPID: 'wx1', WX_APPSECRET: 's', TONGXIN_SIGNING_KEY: 'k' }))).toEqual(['TONGXIN_SIGNING_KEY'])
    expect(Object.keys(envVariablesFor('wishes', { TONGXIN_SIGNING_KEY: 'k' }))).toEqual(['TONGXIN_SIGNING_KEY'])
  })
})

describe('index changes on deploy', () => {
  const declared = [
    { name: 'openid', keys: [['openid', 1]] as Array<[string, number]>, unique: true },
    { name: 'community_created', keys: [['communityId', 1], ['createdAt', -1]] as Array<[string, number]>, unique: false },
    { name: 'new_one', keys: [['x', 1]] as Array<[string, number]>, unique: false },
  ]

  it('should compare by keys, directions and uniqueness, not by name only', () => {
    const existing = [
      { Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true },
      { Name: 'openid', Keys: [{ Name: 'openid', Direction: '1' }], Unique: false },
      { Name: 'community_created', Keys: [{ Name: 'communityId', Direction: '1' }, { Name: 'createdAt', Direction: '-1' }], Unique: false },
      { Name: 'console_made', Keys: [{ Name: 'y', Direction: '1' }], Unique: false },
    ]
    const changes = indexChanges(declared, existing)
    expect(changes.recreate.map((index) => index.name)).toEqual(['openid'])
    expect(changes.unchanged).toEqual(['community_created'])
    expect(changes.create.map((index) => index.name)).toEqual(['new_one'])
    expect(changes.undeclared).toEqual(['console_made'])
  })

  it('should recreate an index whose direction or key order changed', () => {
    const flipped = [{ Name: 'community_created', Keys: [{ Name: 'communityId', Direction: '1' }, { Name: 'createdAt', Direction: '1' }], Unique: false }]
    expect(indexChanges([declared[1]], flipped).recreate).toHaveLength(1)
    const reordered = [{ Name: 'community_created', Keys: [{ Name: 'createdAt', Direction: '-1' }, { Name: 'communityId', Direction: '1' }], Unique: false }]
    expect(indexChanges([declared[1]], reordered).recreate).toHaveLength(1)
  })
})
