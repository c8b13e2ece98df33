export default definePageConfig({
  navigationBarTitleText: '共建单位管理',
  enablePullDownRefresh: true,
})
