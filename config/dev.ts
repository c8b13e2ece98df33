import type { UserConfigExport } from '@tarojs/cli'

export default {
  logger: {
    quiet: false,
    stats: true,
  },
  mini: {},
  h5: {
    devServer: {
      // `npm start` serves the functions and uploaded photos at :3000; the H5 dev server forwards both there.
      proxy: [{ context: ['/api', '/uploads'], target: 'http://localhost:3000', changeOrigin: true }],
    },
  },
} satisfies UserConfigExport<'webpack5'>
