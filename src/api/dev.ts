import { callHttp } from './transport'
import { unwrapEnvelope } from './envelope'

/**
 * The local server's dev login (H5 only). Not a function of the back end, so
 * it is typed here rather than imported from cloudfunctions/.
 */
export interface DevIdentity {
  openid: string
  name: string
  label: string
}

export const devAuth = {
  async identities(): Promise<DevIdentity[]> {
    const data = unwrapEnvelope<{ identities: DevIdentity[] }>(await callHttp('/api/_dev/identities', undefined, 'GET'))
    return data.identities
  },
  async login(openid: string): Promise<string> {
    const data = unwrapEnvelope<{ token: string }>(await callHttp('/api/_dev/login', { openid }))
    return data.token
  },
}
