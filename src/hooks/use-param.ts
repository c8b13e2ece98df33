import { useRouter } from '@tarojs/taro'

/**
 * A page's query parameter. The mini-program hands it over encoded, H5
 * decoded; decoding an already plain id changes nothing.
 */
export function useParam(name: string): string {
  const value = useRouter().params[name] ?? ''
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
