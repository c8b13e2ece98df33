export default definePageConfig({
  navigationBarTitleText: '公告详情',
  // 转发 and 朋友圈: src/hooks/use-share.ts.
  enableShareAppMessage: true,
  enableShareTimeline: true,
})
