import { useCallback, useEffect, useRef, useState } from 'react'
import type { ApiError } from '@/api/envelope'
import { toApiError } from '@/utils/errors'

export type AsyncState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; data: T }

export interface AsyncResult<T> {
  state: AsyncState<T>
  reload: () => void
}

/**
 * Runs `load` on mount and whenever `deps` change. A slower earlier call that
 * finishes after a newer one is dropped, so a quick filter switch never shows
 * the old filter's data.
 */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncResult<T> {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' })
  const latest = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load

  const run = useCallback(() => {
    const ticket = ++latest.current
    setState({ status: 'loading' })
    loadRef.current().then(
      (data) => {
        if (ticket === latest.current) setState({ status: 'ready', data })
      },
      (error: unknown) => {
        if (ticket === latest.current) setState({ status: 'error', error: toApiError(error) })
      },
    )
  }, [])

  // The caller names what `load` depends on; `load` itself is read through a ref.
  useEffect(run, deps)

  return { state, reload: run }
}
