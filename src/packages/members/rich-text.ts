import Taro from '@tarojs/taro'

const CLOUD_SRC = /src="(cloud:\/\/[^"]+)"/g

/**
 * The mini-program's rich-text loads only web addresses, not CloudBase file
 * ids (Image does both), so inline photos are swapped for temporary URLs
 * before rendering. On H5 photos are `/uploads/…` on the same origin already.
 */
export async function withViewableImages(html: string): Promise<string> {
  if (process.env.TARO_ENV !== 'weapp') return html
  const fileList = [...new Set([...html.matchAll(CLOUD_SRC)].map((match) => match[1]))]
  if (fileList.length === 0) return html
  try {
    const { fileList: resolved } = await Taro.cloud.getTempFileURL({ fileList })
    const urls = new Map(resolved.filter((file) => file.tempFileURL).map((file) => [file.fileID, file.tempFileURL]))
    return html.replace(CLOUD_SRC, (whole, fileId: string) => (urls.has(fileId) ? `src="${urls.get(fileId)}"` : whole))
  } catch {
    // The text still reads without its photos; a failed lookup must not hide the notice.
    return html
  }
}
