/**
 * Interleavings by hand: another caller's whole move lands at the exact point
 * between this move's read and its write, which real HTTP races reach only by
 * luck. The write must notice (optimistic commit, conditional update), read
 * again and be refused by (or build on) what it finds.
 */
import type { Database, Transaction } from '../../cloudfunctions/lib/db/types'
import { AppError } from '../../cloudfunctions/lib/runtime/errors'

type DocReads = { doc(id: string): { get(): Promise<unknown> } }

/** `collection`, except that each `doc(id).get()` calls `afterRead` once it has read. */
function hookDocReads<C extends DocReads>(collection: C, afterRead: () => Promise<void>): C {
  return new Proxy(collection, {
    get(inner, key) {
      if (key !== 'doc') {
        const value = Reflect.get(inner, key)
        return typeof value === 'function' ? value.bind(inner) : value
      }
      return (id: string) =>
        new Proxy(inner.doc(id), {
          get(ref, refKey) {
            if (refKey !== 'get') return Reflect.get(ref, refKey)
            return async () => {
              const read = await ref.get()
              await afterRead()
              return read
            }
          },
        })
    },
  })
}

function once(hook: () => Promise<unknown>): () => Promise<void> {
  let fired = false
  return async () => {
    if (fired) return
    fired = true
    await hook()
  }
}

/** The database, except that `hook` runs once, right after the first transaction reads a document of `collectionName`. */
export function withHookAfterRead(db: Database, collectionName: string, hook: () => Promise<unknown>): Database {
  const afterRead = once(hook)
  const wrapTx = (tx: Transaction): Transaction =>
    new Proxy(tx, {
      get(target, property) {
        if (property !== 'collection') return Reflect.get(target, property)
        return (name: string) => (name === collectionName ? hookDocReads(target.collection(name), afterRead) : target.collection(name))
      },
    })
  return new Proxy(db, {
    get(target, property) {
      if (property !== 'runTransaction') return Reflect.get(target, property)
      return <R>(fn: (tx: Transaction) => Promise<R>, attempts?: number) => target.runTransaction((tx) => fn(wrapTx(tx)), attempts)
    },
  })
}

/** The database, except that `hook` runs once, right after the first read (outside transactions) of a document of `collectionName`. */
export function withHookAfterFirstRead(db: Database, collectionName: string, hook: () => Promise<unknown>): Database {
  const afterRead = once(hook)
  return new Proxy(db, {
    get(target, property) {
      if (property !== 'collection') return Reflect.get(target, property)
      return (name: string) => (name === collectionName ? hookDocReads(target.collection(name), afterRead) : target.collection(name))
    },
  })
}

/** 'OK' or the AppError code a move failed with; anything else is a bug and fails the test. */
export async function outcomeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work
    return 'OK'
  } catch (error) {
    if (error instanceof AppError) return error.code
    throw error
  }
}
