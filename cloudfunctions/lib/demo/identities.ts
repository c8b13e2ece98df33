/** The demo people of `npm start`: one per role, all in 和平街道. */
export interface DemoIdentity {
  openid: string
  userId: string
  name: string
  label: string
}

export const demoIdentities: DemoIdentity[] = [
  { openid: 'demo-resident', userId: 'u-resident', name: '刘秀英', label: '居民 · 幸福社区' },
  { openid: 'demo-member', userId: 'u-member', name: '张伟', label: '党员/志愿者 · 幸福社区' },
  { openid: 'demo-staff', userId: 'u-staff', name: '王丽', label: '社区工作人员 · 幸福社区' },
  { openid: 'demo-liaison', userId: 'u-liaison', name: '陈刚', label: '共建单位联络员 · 第一实验小学' },
  { openid: 'demo-district-admin', userId: 'u-admin', name: '赵建国', label: '街道管理员 · 和平街道' },
  { openid: 'demo-staff-hexie', userId: 'u-staff-hexie', name: '孙梅', label: '社区工作人员 · 和谐社区' },
  { openid: 'demo-newcomer', userId: '', name: '新用户', label: '未注册的新用户' },
]
