/**
 * Sign-up steps interleaved by hand with a cancel or a quota change at the
 * exact point between taking a seat and writing the enrollment, which real
 * HTTP races reach only by luck.
 */
import { cancel, signup, update } from '../../../cloudfunctions/lib/activities/service'
import type { ActivityDoc, EnrollmentDoc } from '../../../cloudfunctions/lib/activities/model'
import { openLocalDatabase, type LocalDatabase } from '../../../cloudfunctions/lib/db/local'
import type { Database } from '../../../cloudfunctions/lib/db/types'
import { seedDemo } from '../../../cloudfunctions/lib/demo/seed'
import type { ActionContext } from '../../../cloudfunctions/lib/runtime/action'
import { AppError } from '../../../cloudfunctions/lib/runtime/errors'
import { silentLogger } from '../../../cloudfunctions/lib/runtime/logger'
import type { UserDoc } from '../../../cloudfunctions/lib/users/model'

const HOUR = 3600 * 1000

/** The database, except that `hook` runs just before any enrollment is created or re-used. */
function withHookBeforeEnrollmentWrite(db: Database, hook: () => Promise<void>): Database {
  const runHookThen = <A extends unknown[], R>(call: (...args: A) => Promise<R>) => async (...args: A) => {
    await hook()
    return call(...args)
  }
  return new Proxy(db, {
    get(target, property) {
      if (property !== 'collection') return Reflect.get(target, property)
      return (name: string) => {
        const collection = target.collection(name)
        if (name !== 'enrollments') return collection
        return new Proxy(collection, {
          get(inner, key) {
            if (key === 'doc') {
              return (id: string) => {
                const ref = inner.doc(id)
                return new Proxy(ref, { get: (doc, docKey) => (docKey === 'create' ? runHookThen(doc.create.bind(doc)) : Reflect.get(doc, docKey)) })
              }
            }
            const value = Reflect.get(inner, key)
            return typeof value === 'function' ? value.bind(inner) : value
          },
        })
      }
    },
  })
}

describe('sign-up interleavings', () => {
  let db: LocalDatabase
  let member: UserDoc
  let staff: UserDoc
  beforeAll(async () => {
    db = openLocalDatabase({ file: ':memory:' })
    await seedDemo(db)
    member = (await db.collection<UserDoc>('users').doc('u-member').get()).data[0]
    staff = (await db.collection<UserDoc>('users').doc('u-staff').get()).data[0]
  })
  afterAll(() => db.close())

  /** What the runtime hands a handler: `target` is the activity as the guard read it. */
  const contextFor = (user: UserDoc, database: Database, target: ActivityDoc): ActionContext<ActivityDoc> => ({
    db: database,
    caller: { openid: user.openid, user, grants: [], units: [] },
    community: null,
    roles: new Set(),
    target,
    requestId: `test-${Math.random()}`,
    now: () => new Date(),
    log: silentLogger,
    signingKey: () => 'test-key',
    checkContent: async () => 'pass' as const,
  })

  async function freshActivity(activityId: string, quota: number): Promise<void> {
    const now = Date.now()
    await db.collection<ActivityDoc>('activities').add({
      _id: activityId,
      communityId: 'c-xingfu',
      type: '志愿服务',
      title: '交错测试',
      description: '',
      coverUrl: null,
      place: '社区',
      startAt: new Date(now + 2 * HOUR),
      endAt: new Date(now + 4 * HOUR),
      signupDeadline: new Date(now + HOUR),
      quota,
      enrolledCount: 0,
      pointsRule: { kind: 'perHour', points: 10 },
      maxHours: 2,
      status: 'published',
      createdBy: 'u-staff',
      createdAt: new Date(now),
      updatedAt: new Date(now),
    })
  }

  const activityDoc = async (activityId: string) => (await db.collection<ActivityDoc>('activities').doc(activityId).get()).data[0]
  const enrollmentDoc = async (activityId: string, userId: string) =>
    (await db.collection<EnrollmentDoc>('enrollments').doc(`${activityId}:${userId}`).get()).data[0]

  it('should sweep its own enrollment and answer INVALID_STATE when a cancel lands between the seat and the write', async () => {
    await freshActivity('a-interleave-cancel', 10)
    let cancelled: { cancelledEnrollments: number } | null = null
    const racingDb = withHookBeforeEnrollmentWrite(db, async () => {
      cancelled = await cancel({ activityId: 'a-interleave-cancel', reason: '场地临时占用' }, contextFor(staff, db, await activityDoc('a-interleave-cancel')))
    })
    const attempt = signup({ activityId: 'a-interleave-cancel' }, contextFor(member, racingDb, await activityDoc('a-interleave-cancel')))
    await expect(attempt).rejects.toEqual(new AppError('INVALID_STATE', '活动已取消'))
    expect(cancelled).toEqual({ cancelledEnrollments: 0 })
    expect((await enrollmentDoc('a-interleave-cancel', 'u-member'))?.status).toBe('cancelled')
    expect(await activityDoc('a-interleave-cancel')).toMatchObject({ status: 'cancelled', enrolledCount: 0 })
  })

  it('should never pass a quota that staff lower between the sign-up’s read and its seat', async () => {
    await freshActivity('a-interleave-quota', 3)
    await signup({ activityId: 'a-interleave-quota' }, contextFor(staff, db, await activityDoc('a-interleave-quota')))
    // Lowering the quota to the one seat taken happens after the member read quota 3 but before their seat.
    let lowered = false
    const racingDb = new Proxy(db, {
      get(target, property) {
        if (property !== 'collection') return Reflect.get(target, property)
        return (name: string) => {
          const collection = target.collection(name)
          if (name !== 'activities' || lowered) return collection
          return new Proxy(collection, {
            get(inner, key) {
              if (key !== 'where') {
                const value = Reflect.get(inner, key)
                return typeof value === 'function' ? value.bind(inner) : value
              }
              return (condition: never) => {
                const query = inner.where(condition)
                return {
                  update: async (data: never) => {
                    if (!lowered) {
                      lowered = true
                      await update({ activityId: 'a-interleave-quota', quota: 1 }, contextFor(staff, db, await activityDoc('a-interleave-quota')))
                    }
                    return query.update(data)
                  },
                }
              }
            },
          })
        }
      },
    }) as Database
    await expect(signup({ activityId: 'a-interleave-quota' }, contextFor(member, racingDb, await activityDoc('a-interleave-quota')))).rejects.toEqual(new AppError('QUOTA_FULL'))
    expect(lowered).toBe(true)
    expect(await activityDoc('a-interleave-quota')).toMatchObject({ quota: 1, enrolledCount: 1 })
    expect(await enrollmentDoc('a-interleave-quota', 'u-member')).toBeUndefined()
  })
})
