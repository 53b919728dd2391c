// Draws the extension icon (images/icon.png, 128×128): a white shield with a medical cross on a
// teal tile. Kept as code so the icon can be regenerated without an image editor.

import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const SIZE = 128;
const SS = 4; // supersampling per axis, for smooth edges

const TEAL = [13, 110, 122];
const WHITE = [250, 252, 252];
const RED = [214, 48, 49];

function inRoundedSquare(x, y) {
  const r = 26;
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inShield(x, y) {
  const left = 30, right = 98, top = 20, shoulder = 62, tip = 112;
  if (y < top || y > tip) return false;
  if (y <= shoulder) {
    // A gently dipped top edge.
    const dip = 6 * Math.sin((Math.PI * (x - left)) / (right - left));
    return x >= left && x <= right && y >= top + dip;
  }
  const t = (y - shoulder) / (tip - shoulder);
  const half = ((right - left) / 2) * Math.cos((t * Math.PI) / 2);
  return Math.abs(x - (left + right) / 2) <= half;
}

function inCross(x, y) {
  const cx = 64, cy = 58, arm = 22, thick = 9;
  return (Math.abs(x - cx) <= thick && Math.abs(y - cy) <= arm) || (Math.abs(y - cy) <= thick && Math.abs(x - cx) <= arm);
}

function colourAt(x, y) {
  if (!inRoundedSquare(x, y)) return null;
  if (inCross(x, y)) return RED;
  if (inShield(x, y)) return WHITE;
  return TEAL;
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const c = colourAt(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
        if (!c) continue;
        sum[0] += c[0];
        sum[1] += c[1];
        sum[2] += c[2];
        sum[3] += 255;
      }
    }
    const n = SS * SS;
    const covered = sum[3] / 255;
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    raw[o] = covered ? Math.round(sum[0] / covered) : 0;
    raw[o + 1] = covered ? Math.round(sum[1] / covered) : 0;
    raw[o + 2] = covered ? Math.round(sum[2] / covered) : 0;
    raw[o + 3] = Math.round(sum[3] / n);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk("IHDR", header),
  chunk("IDAT", deflateSync(raw, { level: 9 })),
  chunk("IEND", Buffer.alloc(0)),
]);
const out = join(dirname(fileURLToPath(import.meta.url)), "..", "images", "icon.png");
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
