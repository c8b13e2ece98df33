import * as certificates from '../lib/certificates/service'
import { exportNational, exportNationalInput } from '../lib/certificates/national'
import { pdf } from '../lib/certificates/pdf'
import { defineAction, defineFunction } from '../lib/runtime/action'
import { cloudbaseMain } from '../lib/runtime/cloudbase'

/** 志愿服务记录证明: request, issue, reject, revoke, print, verify; the national-system export. */
export const certificatesFunction = defineFunction('certificates', {
  request: defineAction({ input: certificates.requestInput, access: ['resident'], handler: certificates.request }),
  mine: defineAction({ input: certificates.mineInput, access: 'signedIn', handler: certificates.mine }),
  list: defineAction({ input: certificates.listInput, access: ['staff'], handler: certificates.list }),
  detail: defineAction({ input: certificates.certificateInput, access: 'signedIn', community: certificates.certificateCommunity, handler: certificates.detail }),
  issue: defineAction({ input: certificates.issueInput, access: ['staff'], community: certificates.issueCommunity, handler: certificates.issue }),
  reject: defineAction({ input: certificates.reasonInput, access: ['staff'], community: certificates.certificateCommunity, handler: certificates.reject }),
  revoke: defineAction({ input: certificates.reasonInput, access: ['staff'], community: certificates.certificateCommunity, handler: certificates.revoke }),
  pdf: defineAction({ input: certificates.certificateInput, access: 'signedIn', community: certificates.certificateCommunity, handler: pdf }),
  verify: defineAction({ input: certificates.verifyInput, access: 'anyone', community: () => null, handler: certificates.verify }),
  exportNational: defineAction({ input: exportNationalInput, access: ['staff'], handler: exportNational }),
})

export type CertificatesFunction = typeof certificatesFunction

export const main = cloudbaseMain(certificatesFunction)
