export default definePageConfig({
  navigationBarTitleText: '同心社区',
  enablePullDownRefresh: true,
})
