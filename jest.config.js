/** Jest projects: one per suite, all transpiled by swc (type-checking is `npm run typecheck`). */
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } } },
  ],
}

const project = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  transform,
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts?(x)`],
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
  // marked ships ESM only; swc turns it into CommonJS like our own code.
  transformIgnorePatterns: ['/node_modules/(?!marked/)'],
  ...extra,
})

module.exports = {
  projects: [
    project('unit'),
    project('contract'),
    project('integration'),
    project('e2e'),
  ],
}
