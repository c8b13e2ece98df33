export default definePageConfig({
  navigationBarTitleText: '共建单位',
  enablePullDownRefresh: true,
  // 转发 and 朋友圈: src/hooks/use-share.ts.
  enableShareAppMessage: true,
  enableShareTimeline: true,
})
