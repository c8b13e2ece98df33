import { resolve } from 'node:path'

/** Where local state lives: `.data/` unless DATA_DIR says otherwise. */
export const root = resolve(__dirname, '..')
export const dataDir = resolve(process.env.DATA_DIR ?? resolve(root, '.data'))
export const h5Dir = resolve(root, 'dist/h5')
export const port = Number(process.env.PORT ?? 3000)
