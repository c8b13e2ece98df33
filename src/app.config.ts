export default defineAppConfig({
  pages: ['pages/home/index', 'pages/activities/index', 'pages/wishes/index', 'pages/me/index', 'pages/login/index'],
  // One subpackage per domain keeps the main package (tab pages only) small.
  subPackages: [
    { root: 'packages/activities', pages: ['pages/detail/index', 'pages/mine/index', 'pages/record/index'] },
    { root: 'packages/shop', pages: ['pages/index/index', 'pages/redemptions/index', 'pages/history/index'] },
    { root: 'packages/units', pages: ['pages/index/index', 'pages/detail/index', 'pages/join/index', 'pages/manage/index', 'pages/register/index', 'pages/demands/index', 'pages/report/index', 'pages/resources/index', 'pages/workspace/index', 'pages/showcase/index'] },
    {
      root: 'packages/wishes',
      pages: ['pages/detail/index', 'pages/post/index', 'pages/mine/index', 'pages/claims/index', 'pages/review/index'],
    },
    { root: 'packages/venues', pages: ['pages/index/index', 'pages/detail/index', 'pages/mine/index', 'pages/manage/index', 'pages/day/index'] },
    { root: 'packages/members', pages: ['pages/report/index', 'pages/roster/index', 'pages/news/index', 'pages/news-detail/index', 'pages/news-edit/index'] },
    { root: 'packages/reminders', pages: ['pages/index/index', 'pages/outbox/index'] },
    { root: 'packages/suggestions', pages: ['pages/public/index', 'pages/submit/index', 'pages/mine/index', 'pages/detail/index', 'pages/manage/index'] },
    {
      root: 'packages/staff',
      pages: [
        'pages/index/index',
        'pages/publish/index',
        'pages/activities/index',
        'pages/checkin-code/index',
        'pages/attendance/index',
        'pages/items/index',
        'pages/pickup/index',
        'pages/adjust/index',
        'pages/dashboard/index',
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '同心社区',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f7',
    // WeChat draws its own bar; on H5 this turns on Taro's: the page title, back, and home when a
    // page was opened from a link with nothing to go back to.
    navigationStyle: 'default',
  },
  // Icons are drawn by src/assets/tabbar/generate.ts.
  tabBar: {
    color: '#595959',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tabbar/home.png', selectedIconPath: 'assets/tabbar/home-active.png' },
      { pagePath: 'pages/activities/index', text: '活动', iconPath: 'assets/tabbar/activities.png', selectedIconPath: 'assets/tabbar/activities-active.png' },
      { pagePath: 'pages/wishes/index', text: '心愿', iconPath: 'assets/tabbar/wishes.png', selectedIconPath: 'assets/tabbar/wishes-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tabbar/me.png', selectedIconPath: 'assets/tabbar/me-active.png' },
    ],
  },
  // Only components a page actually renders are injected at its start.
  lazyCodeLoading: 'requiredComponents',
})
