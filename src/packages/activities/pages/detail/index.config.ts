export default definePageConfig({
  navigationBarTitleText: '活动详情',
  enablePullDownRefresh: true,
  // 转发 and 朋友圈: src/hooks/use-share.ts.
  enableShareAppMessage: true,
  enableShareTimeline: true,
})
