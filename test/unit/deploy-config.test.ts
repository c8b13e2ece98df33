import { readFileSync } from 'node:fs'
import { functions } from '../../cloudfunctions/registry'
import { cloudbaseConfigPath, renderCloudbaseConfig } from '../../scripts/cloudbase-config'
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
})
