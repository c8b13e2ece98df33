import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { functions } from '../../cloudfunctions/registry'

describe('docs/api.md', () => {
  const doc = readFileSync(join(__dirname, '../../docs/api.md'), 'utf8')
  const documented = new Set([...doc.matchAll(/^### (\w+)\.(\w+)$/gm)].map((match) => `${match[1]}.${match[2]}`))
  const actions = Object.entries(functions).flatMap(([name, fn]) => Object.keys(fn.actions).map((action) => `${name}.${action}`))

  it('should document every action the functions expose', () => {
    expect(actions.filter((action) => !documented.has(action))).toEqual([])
  })

  it('should document no action that does not exist', () => {
    expect([...documented].filter((action) => !actions.includes(action))).toEqual([])
  })
})
