import { routes } from '@/utils/routes'

type RoleName = 'member' | 'staff' | 'district_admin' | 'liaison' | string

export interface MeLink {
  key: string
  title: string
  url: string
}

/**
 * Who a row is for. A resident (no role) signs up for nothing and claims
 * nothing, so 我的活动, 志愿服务记录 and 我的认领 would only ever be empty
 * for her; 在职党员报到 stays, since reporting is how a party member becomes one.
 */
const serviceLinks: Array<MeLink & { for?: RoleName[] }> = [
  { key: 'messages', title: '我的消息', url: routes.messages },
  { key: 'activities', title: '我的活动', url: routes.myActivities, for: ['member', 'staff', 'district_admin'] },
  { key: 'record', title: '志愿服务记录', url: routes.serviceRecord, for: ['member', 'staff', 'district_admin'] },
  { key: 'history', title: '积分明细', url: routes.pointsHistory },
  { key: 'redemptions', title: '我的兑换', url: routes.redemptions },
  { key: 'wishes', title: '我的心愿', url: routes.myWishes },
  { key: 'member-report', title: '在职党员报到', url: routes.memberReport },
  { key: 'claims', title: '我的认领', url: routes.myClaims, for: ['member', 'liaison', 'staff', 'district_admin'] },
  { key: 'suggestions', title: '我的建议', url: routes.mySuggestions },
  { key: 'bookings', title: '我的预约', url: routes.myBookings },
  { key: 'shop', title: '积分超市', url: routes.shop },
]

/** The rows of 我的服务 for someone with these roles; a unit's liaison also gets the workspace where they act for the unit. */
export function linksFor(roles: Array<{ role: RoleName }>): MeLink[] {
  const held = new Set(roles.map((r) => r.role))
  const links = serviceLinks.filter((link) => !link.for || link.for.some((role) => held.has(role))).map(({ key, title, url }) => ({ key, title, url }))
  return held.has('liaison') ? [{ key: 'unit-workspace', title: '联络员工作台', url: routes.unitWorkspace() }, ...links] : links
}
