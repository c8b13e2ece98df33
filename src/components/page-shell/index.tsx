import { View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import { useLargeText } from '@/hooks/use-large-text'

/**
 * The root of every page. A mini-program has no shared root element, so the
 * large-text class lives here, once per page.
 */
export default function PageShell({ className, children }: PropsWithChildren<{ className?: string }>) {
  const [large] = useLargeText()
  const classes = ['tx-page', large ? 'tx-large' : '', className ?? ''].filter(Boolean).join(' ')
  return <View className={classes}>{children}</View>
}
