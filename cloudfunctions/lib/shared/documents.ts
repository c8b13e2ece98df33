import type { BaseDoc, Database } from '../db/types'
import { AppError } from '../runtime/errors'

/**
 * The document with this id, or NOT_FOUND in the words the caller reads
 * ("心愿不存在"). Outside transactions only: a transaction's `doc().get()`
 * answers one document, not a list.
 */
export async function loadDoc<T extends BaseDoc>(db: Database, collection: string, id: string, missing: string): Promise<T> {
  const doc = (await db.collection<T>(collection).doc(id).get()).data[0]
  if (!doc) throw new AppError('NOT_FOUND', missing)
  return doc
}
