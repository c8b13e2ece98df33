import { useCallback, useEffect, useRef, useState } from 'react'
import type { Page } from '../../cloudfunctions/lib/shared/schemas'
import type { ApiError } from '@/api/envelope'
import { toApiError } from '@/utils/errors'

export interface PagedList<T> {
  items: T[]
  total: number
  /** First page: loading / error replace the list. */
  status: 'loading' | 'error' | 'ready'
  error: ApiError | null
  /** A later page: the list stays, the footer shows progress or the error. */
  loadingMore: boolean
  moreError: ApiError | null
  hasMore: boolean
  loadMore: () => void
  reload: () => void
}

/**
 * Page-by-page loading for a filtered list. Changing `deps` (the filter)
 * starts over at page 1 and drops answers for the old filter.
 */
export function usePagedList<T>(fetchPage: (page: number) => Promise<Page<T>>, deps: readonly unknown[]): PagedList<T> {
  const [items, setItems] = useState<T[]>([])
  const [total, setTotal] = useState(0)
  const [page, setPage] = useState(0)
  const [status, setStatus] = useState<PagedList<T>['status']>('loading')
  const [error, setError] = useState<ApiError | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const [moreError, setMoreError] = useState<ApiError | null>(null)
  const generation = useRef(0)
  const busy = useRef(false)
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage

  const load = useCallback((pageNo: number) => {
    const ticket = pageNo === 1 ? ++generation.current : generation.current
    busy.current = true
    if (pageNo === 1) {
      setStatus('loading')
      setError(null)
      setLoadingMore(false)
      setMoreError(null)
    } else {
      setLoadingMore(true)
      setMoreError(null)
    }
    fetchRef.current(pageNo).then(
      (result) => {
        if (ticket !== generation.current) return
        busy.current = false
        setItems((previous) => (pageNo === 1 ? result.items : [...previous, ...result.items]))
        setTotal(result.total)
        setPage(pageNo)
        setStatus('ready')
        setLoadingMore(false)
      },
      (cause: unknown) => {
        if (ticket !== generation.current) return
        busy.current = false
        if (pageNo === 1) {
          setError(toApiError(cause))
          setStatus('error')
        } else {
          setMoreError(toApiError(cause))
          setLoadingMore(false)
        }
      },
    )
  }, [])

  // The caller names what `fetchPage` depends on; `fetchPage` itself is read through a ref.
  useEffect(() => load(1), deps)

  const hasMore = status === 'ready' && items.length < total
  const loadMore = useCallback(() => {
    if (!busy.current && hasMore) load(page + 1)
  }, [hasMore, load, page])
  const reload = useCallback(() => load(1), [load])

  return { items, total, status, error, loadingMore, moreError, hasMore, loadMore, reload }
}
