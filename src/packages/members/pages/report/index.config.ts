export default definePageConfig({
  navigationBarTitleText: '在职党员报到',
})
