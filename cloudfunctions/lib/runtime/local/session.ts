import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Local dev sessions only. In production the platform supplies the OPENID;
 * locally a signed token stands in for it, issued by `POST /api/_dev/login`.
 */
const TOKEN_TTL_MS = 30 * 24 * 3600 * 1000

export interface SessionKeys {
  issue(openid: string, now?: number): string
  verify(token: string, now?: number): string | null
}

/** A random secret kept in DATA_DIR, so it survives restarts and dies with `npm run reset`. */
export function loadSecret(dataDir: string, name: string): string {
  const file = join(dataDir, `${name}.secret`)
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
  return readFileSync(file, 'utf8').trim()
}

export function loadSessionKeys(dataDir: string): SessionKeys {
  return sessionKeys(Buffer.from(loadSecret(dataDir, 'session'), 'hex'))
}

export function sessionKeys(secret: Buffer): SessionKeys {
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url')
  return {
    issue(openid, now = Date.now()) {
      const payload = `${Buffer.from(openid).toString('base64url')}.${now + TOKEN_TTL_MS}`
      return `${payload}.${sign(payload)}`
    },
    verify(token, now = Date.now()) {
      const parts = token.split('.')
      if (parts.length !== 3) return null
      const [openidPart, expiresPart, signature] = parts
      const expected = Buffer.from(sign(`${openidPart}.${expiresPart}`))
      const given = Buffer.from(signature)
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
      if (!(Number(expiresPart) > now)) return null
      return Buffer.from(openidPart, 'base64url').toString('utf8') || null
    },
  }
}
