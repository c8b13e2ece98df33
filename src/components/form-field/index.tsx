import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.scss'

/**
 * One field of a form: a visible label (never a placeholder alone), the
 * control, and its own error right under it, so every problem shows at once
 * beside the field it is about (not a toast at a time).
 */
export default function FormField({ label, hint, error, children, className }: { label: string; hint?: string; error?: string | null; children: ReactNode; className?: string }) {
  return (
    <View className={`tx-field ${error ? 'tx-field-invalid' : ''} ${className ?? ''}`}>
      <View className='tx-field-label'>{label}</View>
      {children}
      {hint ? <View className='tx-field-hint'>{hint}</View> : null}
      {error ? (
        <View className='tx-field-error e2e-field-error' role='alert'>
          {error}
        </View>
      ) : null}
    </View>
  )
}
