/**
 * The database port and schema, for domain code. Deliberately does not
 * re-export ./local: production bundles must not pull in better-sqlite3;
 * local tooling imports ./local directly.
 */
export * from './types'
export * from './schema'
