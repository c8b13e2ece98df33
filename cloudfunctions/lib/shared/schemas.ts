import * as z from 'zod'

/** Shared zod pieces, so every boundary says "an id" or "a page" the same way. */

export const id = z.string().trim().min(1).max(64)

export const text = (max: number) => z.string().trim().min(1).max(max)

/** Mainland mobile numbers: what staff can actually call. */
export const phone = z.string().trim().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号')

/** A stored photo: a CloudBase file id, or a local upload (POST /api/_upload). */
export const photoId = z
  .string()
  .trim()
  .max(300)
  .regex(/^(cloud:\/\/\S+|\/uploads\/[0-9a-f]{32}\.(jpg|png|webp|gif))$/, '图片地址无效')

export const paging = {
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(50).default(20),
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}
