/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    /** The platform being built; set by the Taro CLI. */
    TARO_ENV?: 'weapp' | 'h5' | 'swan' | 'alipay' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    TARO_APP_ID?: string
    /** CloudBase environment id for `Taro.cloud.init`; inlined by config/index.ts `defineConstants`. */
    TARO_APP_CLOUD_ENV?: string
  }
}

/**
 * One NutUI icon by its own module: the package's index is marked as having side effects, so a
 * named import from it would ship every icon; each file is one icon (an inline SVG).
 */
declare module '@nutui/icons-react-taro/dist/es/icons/*.js' {
  import type { FunctionComponent, CSSProperties } from 'react'
  const Icon: FunctionComponent<{ className?: string; style?: CSSProperties; color?: string; width?: string | number; height?: string | number; size?: string | number }>
  export default Icon
}
