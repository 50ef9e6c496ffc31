// Draws the tray and app icons into resources/ as PNGs, using only node:zlib (no image libraries).
// The PNGs are committed; rerun after changing a shape or colour: `node scripts/make-icons.mjs`.
// Shape: a shield (what the app does: guard backups) with a disk ring cut out of it.
import { writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'

const OUT = join(import.meta.dirname, '..', 'resources')
const SAMPLES = 4 // supersampling per axis, for smooth edges at 16 px

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes) {
  let c = 0xffffffff
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/** RGBA pixels (size × size × 4) → PNG bytes: colour type 6, 8 bits, filter 0 on every row. */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8
  ihdr[9] = 6
  const raw = Buffer.alloc((size * 4 + 1) * size)
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4)
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))])
}

/** 1 inside the shield, 0 outside; x, y in 0..1. */
function inShield(x, y) {
  if (y < 0.06 || y > 0.96) return false
  const half = y <= 0.5 ? 0.4 - 0.04 * Math.max(0, (0.16 - y) / 0.1) : 0.4 * Math.sqrt(Math.max(0, 1 - ((y - 0.5) / 0.46) ** 2))
  return Math.abs(x - 0.5) <= half
}

/** The disk ring inside the shield (drawn in the "inner" colour). */
function inRing(x, y) {
  const d = Math.hypot(x - 0.5, y - 0.46)
  return (d >= 0.12 && d <= 0.22) || d <= 0.045
}

function draw(size, shield, inner) {
  const rgba = Buffer.alloc(size * size * 4)
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size
          const y = (py + (sy + 0.5) / SAMPLES) / size
          if (!inShield(x, y)) continue
          const colour = inRing(x, y) ? inner : shield
          if (colour === null) continue
          r += colour[0]; g += colour[1]; b += colour[2]; a += 255
        }
      }
      const n = SAMPLES * SAMPLES
      const i = (py * size + px) * 4
      const covered = a / 255
      rgba[i] = covered === 0 ? 0 : Math.round(r / covered)
      rgba[i + 1] = covered === 0 ? 0 : Math.round(g / covered)
      rgba[i + 2] = covered === 0 ? 0 : Math.round(b / covered)
      rgba[i + 3] = Math.round(a / n)
    }
  }
  return encodePng(size, rgba)
}

const DARK_GLYPH = [31, 41, 55]
const LIGHT_GLYPH = [243, 244, 246]
const ALERT = [220, 38, 38]
const BRAND = [37, 99, 235]
const WHITE = [255, 255, 255]

// Tray glyphs cut the ring out (transparent) so they read as one-colour icons; Electron picks
// `name@2x.png` on HiDPI screens by itself.
const icons = [
  ['tray-light', DARK_GLYPH, null],
  ['tray-dark', LIGHT_GLYPH, null],
  ['tray-alert', ALERT, WHITE]
]

mkdirSync(OUT, { recursive: true })
for (const [name, shield, inner] of icons) {
  writeFileSync(join(OUT, `${name}.png`), draw(16, shield, inner))
  writeFileSync(join(OUT, `${name}@2x.png`), draw(32, shield, inner))
}
writeFileSync(join(OUT, 'icon.png'), draw(512, BRAND, WHITE))
writeFileSync(join(OUT, 'icon-256.png'), draw(256, BRAND, WHITE))
console.log(`make-icons: wrote ${icons.length * 2 + 2} PNGs to ${OUT}`)
