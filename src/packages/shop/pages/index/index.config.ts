export default definePageConfig({
  navigationBarTitleText: '积分超市',
})
