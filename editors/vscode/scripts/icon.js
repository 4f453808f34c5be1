#!/usr/bin/env node
// Draws the extension's icon (images/icon.png, 128×128): a lightning bolt
// (an event firing) on a dark rounded square. Plain Node, no dependencies:
// each pixel is 4×4 supersampled against the shapes, then written as a PNG.
// Usage: node scripts/icon.js
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const N = 128;
const bolt = [[74, 10], [30, 72], [60, 72], [50, 118], [98, 52], [67, 52], [82, 10]];

function inPolygon(x, y, pts) {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inRoundedSquare(x, y, r) {
  const cx = Math.min(Math.max(x, r), N - r);
  const cy = Math.min(Math.max(y, r), N - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

const bg = [17, 24, 39];
const fg = [250, 204, 21];
const rows = [];
for (let y = 0; y < N; y++) {
  const row = Buffer.alloc(1 + N * 4); // filter byte 0, then RGBA
  for (let x = 0; x < N; x++) {
    let a = 0;
    let b = 0;
    for (let sy = 0; sy < 4; sy++) {
      for (let sx = 0; sx < 4; sx++) {
        const px = x + (sx + 0.5) / 4;
        const py = y + (sy + 0.5) / 4;
        if (inRoundedSquare(px, py, 24)) a++;
        if (inPolygon(px, py, bolt)) b++;
      }
    }
    const t = b / 16;
    const o = 1 + x * 4;
    for (let k = 0; k < 3; k++) row[o + k] = Math.round(bg[k] * (1 - t) + fg[k] * t);
    row[o + 3] = Math.round((255 * a) / 16);
  }
  rows.push(row);
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
fs.writeFileSync(path.join(__dirname, '..', 'images', 'icon.png'), png);
