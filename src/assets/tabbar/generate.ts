/**
 * Draws the tab bar icons (81×81 PNG, WeChat's recommended size) from simple
 * shapes, so the repository holds no downloaded artwork; and the H5 build's
 * favicon (src/assets/favicon.ico: the 心愿 heart, white on 党建红, 32×32).
 * Run: npx tsx src/assets/tabbar/generate.ts
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'

const SIZE = 81
const SUPERSAMPLE = 4
const COLORS = { normal: [0x8a, 0x8a, 0x8a], active: [0xc8, 0x16, 0x1d] } as const

/** Is the point (x, y), both 0..1 from the top left, inside the shape? */
type Shape = (x: number, y: number) => boolean

const inRect = (x: number, y: number, x0: number, y0: number, x1: number, y1: number) => x >= x0 && x <= x1 && y >= y0 && y <= y1
const inCircle = (x: number, y: number, cx: number, cy: number, r: number) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r

const shapes: Record<string, Shape> = {
  home: (x, y) => {
    const roof = y >= 0.12 && y <= 0.5 && Math.abs(x - 0.5) <= (y - 0.12) * (0.42 / 0.38)
    const body = inRect(x, y, 0.2, 0.45, 0.8, 0.88)
    const door = inRect(x, y, 0.42, 0.62, 0.58, 0.88)
    return (roof || body) && !door
  },
  activities: (x, y) => {
    const frame = inRect(x, y, 0.12, 0.2, 0.88, 0.88) && !inRect(x, y, 0.2, 0.42, 0.8, 0.8)
    const rings = inRect(x, y, 0.28, 0.1, 0.36, 0.3) || inRect(x, y, 0.64, 0.1, 0.72, 0.3)
    const event = inRect(x, y, 0.3, 0.5, 0.46, 0.66)
    return frame || rings || event
  },
  wishes: (x, y) => {
    const u = (x - 0.5) * 2.7
    const v = (0.48 - y) * 2.7
    return (u * u + v * v - 1) ** 3 - u * u * v ** 3 <= 0
  },
  me: (x, y) => {
    const head = inCircle(x, y, 0.5, 0.3, 0.18)
    const body = y <= 0.88 && ((x - 0.5) / 0.36) ** 2 + ((y - 0.92) / 0.4) ** 2 <= 1
    return head || body
  },
}

function render(shape: Shape, rgb: readonly number[]): Buffer {
  const rows: Buffer[] = []
  for (let py = 0; py < SIZE; py++) {
    const row = Buffer.alloc(1 + SIZE * 4) // leading 0: PNG filter "none"
    for (let px = 0; px < SIZE; px++) {
      let hits = 0
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          if (shape((px + (sx + 0.5) / SUPERSAMPLE) / SIZE, (py + (sy + 0.5) / SUPERSAMPLE) / SIZE)) hits++
        }
      }
      row.set([rgb[0], rgb[1], rgb[2], Math.round((255 * hits) / SUPERSAMPLE ** 2)], 1 + px * 4)
    }
    rows.push(row)
  }
  return png(Buffer.concat(rows), SIZE)
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(data: Buffer): number {
  let c = 0xffffffff
  for (const byte of data) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function png(raw: Buffer, size: number): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))])
}

for (const [name, shape] of Object.entries(shapes)) {
  writeFileSync(join(__dirname, `${name}.png`), render(shape, COLORS.normal))
  writeFileSync(join(__dirname, `${name}-active.png`), render(shape, COLORS.active))
}

/** 32×32: a rounded 党建红 square with the white heart; an ICO holding one PNG (Vista+ and every browser read it). */
function favicon(): Buffer {
  const size = 32
  const rows: Buffer[] = []
  const inSquare = (x: number, y: number) => {
    const r = 0.2
    const cx = Math.min(Math.max(x, r), 1 - r)
    const cy = Math.min(Math.max(y, r), 1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
  }
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4)
    for (let px = 0; px < size; px++) {
      let square = 0
      let heart = 0
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = (px + (sx + 0.5) / SUPERSAMPLE) / size
          const y = (py + (sy + 0.5) / SUPERSAMPLE) / size
          if (inSquare(x, y)) square++
          if (shapes.wishes(0.5 + (x - 0.5) * 1.15, 0.5 + (y - 0.5) * 1.15)) heart++
        }
      }
      const n = SUPERSAMPLE ** 2
      const mix = (c: number) => Math.round(c + (255 - c) * (heart / n))
      row.set([mix(COLORS.active[0]), mix(COLORS.active[1]), mix(COLORS.active[2]), Math.round((255 * square) / n)], 1 + px * 4)
    }
    rows.push(row)
  }
  const image = png(Buffer.concat(rows), size)
  const header = Buffer.alloc(6 + 16)
  header.writeUInt16LE(0, 0) // reserved
  header.writeUInt16LE(1, 2) // icon
  header.writeUInt16LE(1, 4) // one image
  header.set([size, size, 0, 0], 6) // width, height, no palette, reserved
  header.writeUInt16LE(1, 10) // colour planes
  header.writeUInt16LE(32, 12) // bits per pixel
  header.writeUInt32LE(image.length, 14)
  header.writeUInt32LE(header.length, 18)
  return Buffer.concat([header, image])
}

writeFileSync(join(__dirname, '..', 'favicon.ico'), favicon())
