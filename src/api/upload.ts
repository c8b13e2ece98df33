import Taro from '@tarojs/taro'
import { ApiError, clientErrorMessages, unwrapEnvelope } from './envelope'
import { getToken } from './session'

/** What the local server accepts (POST /api/_upload reads the real type from the bytes). */
const contentTypes: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' }

/** Up to `count` photos picked by the user, as local temp paths; an empty list when they cancel. */
export async function choosePhotos(count: number): Promise<string[]> {
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const picked = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      return picked.tempFiles.map((file) => file.tempFilePath)
    }
    const picked = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album'] })
    return picked.tempFilePaths
  } catch (error) {
    // Cancelling the picker rejects; that is a choice, not a failure.
    if (errMsg(error).includes('cancel')) return []
    throw new ApiError('INTERNAL', '选择照片失败，请重试', errMsg(error))
  }
}

/**
 * Stores one picked photo and returns the file id the back end keeps:
 * `cloud://…` in the mini-program (CloudBase storage), `/uploads/<hash>.<ext>`
 * on H5 (the local server's own store).
 */
export async function uploadPhoto(tempPath: string, contentType?: string): Promise<string> {
  if (process.env.TARO_ENV === 'weapp') {
    const extension = /\.(\w+)$/.exec(tempPath)?.[1]?.toLowerCase() ?? 'jpg'
    const cloudPath = `wishes/${Date.now()}-${Math.random().toString(36).slice(2, 10)}.${extension}`
    try {
      const uploaded = await Taro.cloud.uploadFile({ cloudPath, filePath: tempPath })
      return uploaded.fileID
    } catch (error) {
      throw new ApiError('NETWORK_ERROR', '照片上传失败，请重试', errMsg(error))
    }
  }
  // H5 temp paths are blob: URLs; the bytes go up as they are.
  let bytes: ArrayBuffer
  let type = contentType
  try {
    const blob = await (await fetch(tempPath)).blob()
    bytes = await blob.arrayBuffer()
    type = type ?? (blob.type || undefined)
  } catch (error) {
    throw new ApiError('INTERNAL', '读取照片失败，请重选', errMsg(error))
  }
  return uploadBytes(bytes, type ?? contentTypes.jpg)
}

/** POST /api/_upload with the session token; the answer is the usual envelope. */
export async function uploadBytes(bytes: ArrayBuffer, contentType: string): Promise<string> {
  const token = getToken()
  let body: unknown
  try {
    const response = await Taro.request<unknown>({
      url: '/api/_upload',
      method: 'POST',
      data: bytes,
      header: { 'content-type': contentType, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    })
    body = response.data
  } catch (error) {
    throw new ApiError('NETWORK_ERROR', clientErrorMessages.NETWORK_ERROR, errMsg(error))
  }
  return unwrapEnvelope<{ fileId: string }>(body).fileId
}

const errMsg = (error: unknown): string =>
  error instanceof Error ? error.message : typeof error === 'object' && error !== null && 'errMsg' in error ? String(error.errMsg) : String(error)
