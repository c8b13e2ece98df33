/** Jest projects: one per suite, all transpiled by swc (type-checking is `npm run typecheck`). */
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } } },
  ],
}

/**
 * Per-test time limits. These are not measurements (speed is `npm run bench`):
 * suites that race hundreds of real HTTP requests on a busy two-core machine
 * need more than jest's 5 s, and with TONGXIN_DB_LATENCY_MS every database
 * call is a round trip, as in CloudBase.
 */
const testTimeout = process.env.TONGXIN_DB_LATENCY_MS ? 180_000 : 30_000

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
  testTimeout,
  projects: [
    project('unit'),
    project('contract'),
    project('integration'),
    project('e2e'),
  ],
}
