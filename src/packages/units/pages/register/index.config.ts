export default definePageConfig({
  navigationBarTitleText: '登记共建单位',
})
