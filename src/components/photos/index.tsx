import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { choosePhotos, uploadPhoto } from '@/api/upload'
import { toApiError } from '@/utils/errors'
import './index.scss'

/** The back end accepts at most this many photos on a wish, a fulfilment or a commitment's progress. */
export const MAX_PHOTOS = 6

/** Photos as stored: `cloud://…` in the mini-program, `/uploads/…` on H5; both load directly in Image. */
export function PhotoGrid({ photos, className }: { photos: readonly string[]; className?: string }) {
  if (photos.length === 0) return null
  const preview = (current: string) => {
    // H5 preview needs absolute URLs; cloud:// ids preview as they are in the mini-program.
    const absolute = (id: string) => (id.startsWith('/') && typeof location !== 'undefined' ? `${location.origin}${id}` : id)
    void Taro.previewImage({ current: absolute(current), urls: photos.map(absolute) }).catch(() => undefined)
  }
  return (
    <View className={`wish-photos ${className ?? ''}`}>
      {photos.map((id) => (
        <Image key={id} className='wish-photo e2e-wish-photo' src={id} mode='aspectFill' onClick={() => preview(id)} />
      ))}
    </View>
  )
}

interface PickerProps {
  value: string[]
  onChange: (photos: string[]) => void
  onError: (message: string) => void
  /** Tells the form an upload is running, so it does not submit half the photos. */
  onBusy?: (busy: boolean) => void
  className?: string
}

/** Picks and uploads photos at once; the form only ever holds stored file ids. */
export function PhotoPicker({ value, onChange, onError, onBusy, className }: PickerProps) {
  const [uploading, setUploading] = useState(0)
  const room = MAX_PHOTOS - value.length - uploading

  const add = async () => {
    if (room <= 0) return
    let paths: string[]
    try {
      paths = await choosePhotos(room)
    } catch (error) {
      return onError(toApiError(error).message)
    }
    if (paths.length === 0) return
    setUploading(paths.length)
    onBusy?.(true)
    const stored: string[] = []
    try {
      for (const path of paths.slice(0, room)) stored.push(await uploadPhoto(path))
    } catch (error) {
      onError(toApiError(error).message)
    } finally {
      setUploading(0)
      onBusy?.(false)
      if (stored.length > 0) onChange([...value, ...stored])
    }
  }

  return (
    <View className={`wish-photos ${className ?? ''}`}>
      {value.map((id) => (
        <View key={id} className='wish-photo-slot e2e-photo-picked'>
          <Image className='wish-photo' src={id} mode='aspectFill' />
          <View className='wish-photo-remove e2e-photo-remove' onClick={() => onChange(value.filter((other) => other !== id))}>
            ×
          </View>
        </View>
      ))}
      {uploading > 0 ? <View className='wish-photo wish-photo-add e2e-photo-uploading'>上传中…</View> : null}
      {room > 0 ? (
        <View className='wish-photo wish-photo-add e2e-photo-add' onClick={add}>
          <View className='wish-photo-plus'>+</View>
          <View>照片</View>
        </View>
      ) : null}
    </View>
  )
}
