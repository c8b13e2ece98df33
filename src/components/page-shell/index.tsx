import { View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import { useLargeText } from '@/hooks/use-large-text'

/**
 * The root of every page. A mini-program has no shared root element, so the
 * large-text class lives here, once per page.
 */
export default function PageShell({ name, children }: PropsWithChildren<{ name: string }>) {
  const [large] = useLargeText()
  // On H5 earlier pages stay in the DOM, hidden; `e2e-page-<name>` lets a test look inside the one it means.
  return <View className={`tx-page e2e-page-${name}${large ? ' tx-large' : ''}`}>{children}</View>
}
