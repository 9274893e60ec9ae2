// Draws the extension's 128×128 PNG icon (the φ of media/phi.svg, white on a rounded square) without any image
// library and without a binary in the repository: esbuild.js runs it on every build, `vsce` packs the result.
//   node scripts/icon.mjs [out.png]
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const SIZE = 128;
/** Supersampling per axis: 16 samples a pixel for smooth edges. */
const SAMPLES = 4;
const BACKGROUND = [0x1f, 0x4e, 0x8c];
const FOREGROUND = [0xff, 0xff, 0xff];
// The SVG's 24-unit box, scaled to the icon with a margin.
const SCALE = 4.4;
const CENTER = SIZE / 2;
const RX = 7 * SCALE;
const RY = 5 * SCALE;
const HALF_STROKE = (1.6 * SCALE) / 2;
const LINE_HALF_LENGTH = 9 * SCALE;
const CORNER = 26;

/** Inside the rounded square. */
function inBackground(x, y) {
  const cx = Math.min(Math.max(x, CORNER), SIZE - CORNER);
  const cy = Math.min(Math.max(y, CORNER), SIZE - CORNER);
  return (x - cx) ** 2 + (y - cy) ** 2 <= CORNER ** 2;
}

/** On the glyph's strokes: the ellipse's outline or the vertical bar (round caps). */
function inGlyph(x, y) {
  const dx = x - CENTER;
  const dy = y - CENTER;
  const f = (dx / RX) ** 2 + (dy / RY) ** 2 - 1;
  const gradient = Math.hypot((2 * dx) / RX ** 2, (2 * dy) / RY ** 2);
  if (gradient > 0 && Math.abs(f) / gradient <= HALF_STROKE) return true;
  const along = Math.max(-LINE_HALF_LENGTH, Math.min(LINE_HALF_LENGTH, dy));
  return Math.hypot(dx, dy - along) <= HALF_STROKE;
}

function pixels() {
  const rows = [];
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
    for (let x = 0; x < SIZE; x++) {
      let back = 0;
      let glyph = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const px = x + (sx + 0.5) / SAMPLES;
          const py = y + (sy + 0.5) / SAMPLES;
          if (!inBackground(px, py)) continue;
          back++;
          if (inGlyph(px, py)) glyph++;
        }
      }
      const n = SAMPLES * SAMPLES;
      const g = back ? glyph / back : 0;
      const at = 1 + x * 4;
      for (let c = 0; c < 3; c++) row[at + c] = Math.round(BACKGROUND[c] * (1 - g) + FOREGROUND[c] * g);
      row[at + 3] = Math.round((back / n) * 255);
    }
    rows.push(row);
  }
  return Buffer.concat(rows);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function iconPng() {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(pixels(), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function writeIcon(out) {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, iconPng());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeIcon(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'media', 'icon.png'));
}
