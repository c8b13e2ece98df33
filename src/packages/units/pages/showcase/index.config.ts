export default definePageConfig({
  navigationBarTitleText: '共建风采',
  enablePullDownRefresh: true,
})
