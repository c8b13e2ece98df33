import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import prodConfig from './prod'

/** Unset when the Taro CLI is not the caller (e.g. `tsc`); weapp is the product, so it is the default. */
const taroEnv = process.env.TARO_ENV ?? 'weapp'

/**
 * NutUI React Taro is drawn at 375 px; our own styles at 750 px (Taro's default).
 * The file path decides which ruler pxtransform uses.
 */
export function designWidth(input?: string | number | { file?: string }): number {
  const file = typeof input === 'object' ? (input.file?.replace(/\\+/g, '/') ?? '') : ''
  return file.includes('@nutui') ? 375 : 750
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'tongxin',
    date: '2026-11-23',
    designWidth,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // The H5 build's favicon (browsers ask for /favicon.ico); the mini-program has no use for it.
    copy: { patterns: taroEnv === 'h5' ? [{ from: 'src/assets/favicon.ico', to: 'dist/h5/favicon.ico' }] : [], options: {} },
    outputRoot: `dist/${taroEnv}`,
    // NutUI renders HTML tags (div/span) and reads their styles; the plugin maps them to mini-program views.
    plugins: ['@tarojs/plugin-html'],
    defineConstants: {
      'process.env.TARO_APP_CLOUD_ENV': JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
      // 订阅消息 template ids, one per reminder reason (src/utils/subscribe.ts; docs/api.md, reminders).
      ...Object.fromEntries(
        ['ACTIVITY_TOMORROW', 'WISH_REVIEWED', 'WISH_CLAIMED', 'WISH_FULFILLED', 'BOOKING_APPROVED', 'REDEMPTION_EXPIRING', 'PARTY_ANNIVERSARY', 'WAITLIST_PROMOTED'].map((reason) => [
          `process.env.TARO_APP_TEMPLATE_${reason}`,
          JSON.stringify(process.env[`TARO_APP_TEMPLATE_${reason}`] ?? ''),
        ]),
      ),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      // NutUI's docs: prebundled NutUI loses its templates in mini-programs ("找不到模板").
      prebundle: { exclude: ['@nutui/nutui-react-taro', '@nutui/icons-react-taro'] },
    },
    cache: {
      enable: false,
    },
    mini: {
      // Components are shared across pages in different orders; their class names never overlap, so order is moot.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        // NutUI's docs: keep its px as px on H5 (its components size themselves in px).
        pxtransform: { enable: true, config: { selectorBlackList: ['nut-'] } },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // Taro splits only initial chunks on H5, so every lazily loaded page carried its own copy of
        // the NutUI components it shares with other pages; 'all' lets page chunks share them.
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all' })
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
