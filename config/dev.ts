import type { UserConfigExport } from '@tarojs/cli'

export default {
  logger: {
    quiet: false,
    stats: true,
  },
  mini: {},
  h5: {
    devServer: {
      // `npm start` serves the functions at :3000; the H5 dev server forwards API calls there.
      proxy: [{ context: ['/api'], target: 'http://localhost:3000', changeOrigin: true }],
    },
  },
} satisfies UserConfigExport<'webpack5'>
