import { Canvas, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { echarts, type ChartOption } from './echarts'
import './index.scss'

export type { ChartOption } from './echarts'

interface Props {
  option: ChartOption
  /** CSS pixels; the width is the container's. */
  height?: number
  className?: string
}

let nextId = 0

/**
 * One ECharts chart. On H5 ECharts draws into a div as usual; in the
 * mini-program there is no DOM, so it draws on a `<Canvas type='2d'>` node
 * (see adaptCanvasNode) sized for the device's pixel ratio, and touches are
 * handed to its event handler so tooltips still follow the finger.
 */
export default function Chart({ option, height = 240, className = '' }: Props) {
  const [id] = useState(() => `tx-chart-${(nextId += 1)}`)
  const chart = useRef<echarts.ECharts | null>(null)
  const latest = useRef(option)
  latest.current = option

  useEffect(() => {
    let cancelled = false
    let detach = (): void => {}
    const created = process.env.TARO_ENV === 'h5' ? createInElement(id, height) : createOnCanvas(id)
    created.then((instance) => {
      if (!instance) return
      if (cancelled) {
        instance.dispose()
        return
      }
      chart.current = instance
      instance.setOption(latest.current, true)
      if (process.env.TARO_ENV === 'h5') {
        const resize = () => instance.resize()
        window.addEventListener('resize', resize)
        detach = () => window.removeEventListener('resize', resize)
      }
    })
    return () => {
      cancelled = true
      detach()
      chart.current?.dispose()
      chart.current = null
    }
    // The chart is made once per mount; option changes go through setOption below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id])

  useEffect(() => {
    chart.current?.setOption(option, true)
  }, [option])

  const style = { height: `${height}px` }
  if (process.env.TARO_ENV === 'h5') return <View id={id} className={`tx-chart ${className}`} style={style} />
  return (
    <Canvas
      id={id}
      type='2d'
      className={`tx-chart ${className}`}
      style={style}
      onTouchStart={(event) => touch(chart.current, ['mousedown', 'mousemove'], event)}
      onTouchMove={(event) => touch(chart.current, ['mousemove'], event)}
      onTouchEnd={(event) => touch(chart.current, ['mouseup', 'click'], event)}
    />
  )
}

async function createInElement(id: string, height: number): Promise<echarts.ECharts | null> {
  await new Promise((resolve) => Taro.nextTick(() => resolve(null)))
  const element = document.getElementById(id)
  if (!element) return null
  return echarts.init(element, undefined, { renderer: 'canvas', height })
}

interface CanvasNode {
  width: number
  height: number
  getContext(type: '2d'): unknown
}

interface NodeInfo {
  node?: CanvasNode
  width: number
  height: number
}

function createOnCanvas(id: string): Promise<echarts.ECharts | null> {
  return new Promise((resolve) => {
    Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((results: Array<NodeInfo | null>) => {
          const found = results?.[0]
          if (!found?.node) {
            resolve(null)
            return
          }
          // getWindowInfo replaces the deprecated getSystemInfoSync from base library 2.20.1.
          const pixelRatio = (Taro.getWindowInfo ? Taro.getWindowInfo() : Taro.getSystemInfoSync()).pixelRatio || 2
          found.node.width = found.width * pixelRatio
          found.node.height = found.height * pixelRatio
          const canvas = adaptCanvasNode(found.node)
          // ECharts measures text on a canvas of its own; in a mini-program only nodes like this one can draw.
          echarts.setPlatformAPI({ createCanvas: () => canvas as unknown as HTMLCanvasElement })
          resolve(echarts.init(canvas as unknown as HTMLElement, undefined, { width: found.width, height: found.height, devicePixelRatio: pixelRatio }))
        })
    })
  })
}

/**
 * What ECharts expects of a canvas element, backed by a mini-program canvas
 * node: the 2D context, its size, and listener hooks that do nothing
 * (touches arrive through the component's own handlers instead).
 */
function adaptCanvasNode(node: CanvasNode) {
  return {
    node,
    get width() {
      return node.width
    },
    set width(value: number) {
      node.width = value
    },
    get height() {
      return node.height
    },
    set height(value: number) {
      node.height = value
    },
    getContext: (type: '2d') => node.getContext(type),
    addEventListener() {},
    removeEventListener() {},
    attachEvent() {},
    detachEvent() {},
  }
}

interface CanvasTouch {
  x: number
  y: number
}

type ZrHandler = { dispatch(type: string, event: object): void }

function touch(chart: echarts.ECharts | null, types: string[], event: { touches?: CanvasTouch[]; changedTouches?: CanvasTouch[] }): void {
  const point = event.touches?.[0] ?? event.changedTouches?.[0]
  if (!chart || !point) return
  const handler = (chart.getZr() as unknown as { handler: ZrHandler }).handler
  const noop = () => {}
  for (const type of types) handler.dispatch(type, { zrX: point.x, zrY: point.y, preventDefault: noop, stopPropagation: noop, stopImmediatePropagation: noop })
}
