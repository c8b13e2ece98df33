import Taro from '@tarojs/taro'

export interface FilePayload {
  fileName: string
  mimeType: string
  base64: string
}

/**
 * Hands a file the server built (an XLSX) to the person. H5: a download.
 * Mini-program: written to the user's data folder and opened in WeChat's
 * viewer, whose menu can forward or save it.
 */
export async function saveFile(file: FilePayload): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    downloadInBrowser(file)
    return
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${file.fileName}`
  await new Promise<void>((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: file.base64,
      encoding: 'base64',
      success: () => resolve(),
      fail: (error) => reject(new Error(error.errMsg)),
    })
  })
  await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true })
}

function downloadInBrowser(file: FilePayload): void {
  const binary = atob(file.base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i)
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
  // The browser has taken the file once click() returns; a later revoke keeps slow browsers safe.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
