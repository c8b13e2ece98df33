import { View } from '@tarojs/components'
import { useEffect, type PropsWithChildren } from 'react'
import { useLargeText } from '@/hooks/use-large-text'

const isH5 = process.env.TARO_ENV === 'h5'

/**
 * The root of every page. A mini-program has no shared root element, so the
 * 长辈版 class lives here, once per page. On H5 the tab bar and Taro's
 * navigation bar sit outside the pages: the root element carries the class
 * for them too (app.scss sizes their labels and buttons).
 */
export default function PageShell({ name, children }: PropsWithChildren<{ name: string }>) {
  const [large] = useLargeText()
  useEffect(() => {
    if (isH5) document.documentElement.classList.toggle('tx-large-root', large)
  }, [large])
  // On H5 earlier pages stay in the DOM, hidden; `e2e-page-<name>` lets a test look inside the one it means.
  return <View className={`tx-page e2e-page-${name}${large ? ' tx-large' : ''}`}>{children}</View>
}
