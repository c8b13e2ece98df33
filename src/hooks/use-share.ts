import { useShareAppMessage, useShareTimeline } from '@tarojs/taro'

/**
 * 转发给朋友 and 分享到朋友圈, the WeChat way: the page's own title and a path
 * that opens this record for anyone — the detail actions are open to
 * 'anyone', so a stranger who taps the card sees it without registering.
 * The page's config must also set enableShareAppMessage / enableShareTimeline.
 */
export function useShare(share: { title: string | null; path: string; query: string }): void {
  const title = share.title ?? '同心社区'
  useShareAppMessage(() => ({ title, path: `${share.path}?${share.query}` }))
  // The timeline opens the same page; it takes the query alone.
  useShareTimeline(() => ({ title, query: share.query }))
}
