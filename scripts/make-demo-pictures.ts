/**
 * Draws the demo catalog's product pictures, resources/demo/pictures/<handle>.png
 * (256x256): a soft tile in the product's colour with its initial in a
 * white circle. Made here, not downloaded, so a new user sees real cards
 * (the demo CSV names these files; the studio keeps them like any picture
 * beside an imported CSV). Run with `npx tsx scripts/make-demo-pictures.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

type Rgb = readonly [number, number, number];

const PRODUCTS: readonly { handle: string; initial: string; color: Rgb }[] = [
  { handle: 'linen-wrap-dress', initial: 'L', color: [214, 190, 150] },
  { handle: 'chunky-knit-cardigan', initial: 'C', color: [150, 110, 90] },
  { handle: 'gold-hoop-earrings', initial: 'G', color: [220, 170, 60] },
  { handle: 'pearl-drop-necklace', initial: 'P', color: [200, 200, 215] },
  { handle: 'canvas-market-tote', initial: 'C', color: [120, 150, 110] },
  { handle: 'silk-scrunchie-set', initial: 'S', color: [220, 130, 160] },
  { handle: 'ceramic-pour-over', initial: 'C', color: [90, 140, 170] },
  { handle: 'soy-candle-fig', initial: 'F', color: [150, 90, 130] },
  { handle: 'leather-card-wallet', initial: 'L', color: [140, 85, 50] },
  { handle: 'winter-beanie', initial: 'R', color: [70, 100, 150] },
];

/** 5x7 block letters, one string per row. */
const GLYPHS: Readonly<Record<string, readonly string[]>> = {
  C: ['.###.', '#...#', '#....', '#....', '#....', '#...#', '.###.'],
  F: ['#####', '#....', '#....', '####.', '#....', '#....', '#....'],
  G: ['.###.', '#...#', '#....', '#.###', '#...#', '#...#', '.###.'],
  L: ['#....', '#....', '#....', '#....', '#....', '#....', '#####'],
  P: ['####.', '#...#', '#...#', '####.', '#....', '#....', '#....'],
  R: ['####.', '#...#', '#...#', '####.', '#.#..', '#..#.', '#...#'],
  S: ['.####', '#....', '#....', '.###.', '....#', '....#', '####.'],
};

const SIZE = 256;

function draw(initial: string, color: Rgb): Buffer {
  const glyph = GLYPHS[initial]!;
  const cell = 14; // one glyph dot
  const left = SIZE / 2 - (5 * cell) / 2;
  const top = SIZE / 2 - (7 * cell) / 2;
  const rows: Buffer[] = [];
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 3); // filter byte 0, then RGB
    for (let x = 0; x < SIZE; x++) {
      // A soft top-to-bottom light on the product's colour.
      const light = 1.15 - (0.3 * y) / SIZE;
      let rgb: Rgb = [Math.min(255, color[0] * light), Math.min(255, color[1] * light), Math.min(255, color[2] * light)];
      if (Math.hypot(x - SIZE / 2, y - SIZE / 2) < 84) rgb = [250, 248, 244];
      const gx = Math.floor((x - left) / cell);
      const gy = Math.floor((y - top) / cell);
      if (gx >= 0 && gx < 5 && gy >= 0 && gy < 7 && glyph[gy]![gx] === '#') rgb = [color[0] * 0.55, color[1] * 0.55, color[2] * 0.55];
      row.set(rgb.map(Math.round), 1 + x * 3);
    }
    rows.push(row);
  }
  return png(SIZE, SIZE, zlib.deflateSync(Buffer.concat(rows), { level: 9 }));
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let k = n;
  for (let j = 0; j < 8; j++) k = k & 1 ? 0xedb88320 ^ (k >>> 1) : k >>> 1;
  return k >>> 0;
});
function crc32(buf: Buffer): number {
  let crc = 0xffffffff;
  for (const b of buf) crc = crcTable[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(width: number, height: number, pixels: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

const outDir = path.join(import.meta.dirname, '..', 'resources', 'demo', 'pictures');
fs.mkdirSync(outDir, { recursive: true });
for (const p of PRODUCTS) fs.writeFileSync(path.join(outDir, `${p.handle}.png`), draw(p.initial, p.color));
console.log(`Wrote ${PRODUCTS.length} pictures to ${outDir}`);
