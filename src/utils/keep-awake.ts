import Taro from '@tarojs/taro'

/** Keeps the screen on (mini-program); browsers without the API just ignore it. */
export function keepAwake(on: boolean): void {
  try {
    void Taro.setKeepScreenOn({ keepScreenOn: on }).catch(() => undefined)
  } catch {
    // H5 builds may lack the API altogether.
  }
}
