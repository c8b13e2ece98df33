export default definePageConfig({
  navigationBarTitleText: '共建台账',
  enablePullDownRefresh: true,
})
