export default definePageConfig({
  navigationBarTitleText: '共建单位',
  enablePullDownRefresh: true,
})
