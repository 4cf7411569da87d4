/**
 * Draws resources/icon.png (512x512): the studio's red "live" dot on a dark
 * rounded square. Run with `npx tsx scripts/make-icon.ts` after changing it.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const size = 512;
const rgba = Buffer.alloc(size * size * 4);
const c = size / 2;
for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const i = (y * size + x) * 4;
    const r = 96; // corner radius
    const dx = Math.max(0, Math.abs(x - c + 0.5) - (c - r));
    const dy = Math.max(0, Math.abs(y - c + 0.5) - (c - r));
    const inside = Math.hypot(dx, dy) <= r;
    const d = Math.hypot(x - c + 0.5, y - c + 0.5);
    let color: [number, number, number, number] = inside ? [23, 26, 33, 255] : [0, 0, 0, 0];
    if (inside && d > 150 && d < 176) color = [122, 45, 60, 255];
    if (inside && d <= 112) color = [255, 77, 109, 255];
    rgba.set(color, i);
  }
}
const raw = Buffer.alloc((size * 4 + 1) * size);
for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let k = n;
  for (let j = 0; j < 8; j++) k = k & 1 ? 0xedb88320 ^ (k >>> 1) : k >>> 1;
  return k >>> 0;
});
const crc32 = (buf: Buffer) => {
  let crc = 0xffffffff;
  for (const b of buf) crc = crcTable[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
fs.writeFileSync(path.resolve(import.meta.dirname, '../resources/icon.png'), png);
