/**
 * Interleavings by hand: another caller's whole move commits at the exact
 * point between a transaction's read and its commit, which real HTTP races
 * reach only by luck. The optimistic commit must notice and re-run.
 */
import type { Database, Transaction } from '../../cloudfunctions/lib/db/types'

/** The database, except that `hook` runs once, right after the first transaction reads a document of `collectionName`. */
export function withHookAfterRead(db: Database, collectionName: string, hook: () => Promise<unknown>): Database {
  let fired = false
  const wrapTx = (tx: Transaction): Transaction =>
    new Proxy(tx, {
      get(target, property) {
        if (property !== 'collection') return Reflect.get(target, property)
        return (name: string) => {
          const collection = target.collection(name)
          if (name !== collectionName) return collection
          return {
            add: collection.add.bind(collection),
            doc: (id: string) => {
              const ref = collection.doc(id)
              return new Proxy(ref, {
                get(inner, key) {
                  if (key !== 'get') return Reflect.get(inner, key)
                  return async () => {
                    const read = await inner.get()
                    if (!fired) {
                      fired = true
                      await hook()
                    }
                    return read
                  }
                },
              })
            },
          }
        }
      },
    })
  return new Proxy(db, {
    get(target, property) {
      if (property !== 'runTransaction') return Reflect.get(target, property)
      return <R>(fn: (tx: Transaction) => Promise<R>, attempts?: number) => target.runTransaction((tx) => fn(wrapTx(tx)), attempts)
    },
  })
}
