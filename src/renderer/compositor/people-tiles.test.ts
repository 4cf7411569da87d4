import { describe, expect, it } from 'vitest';
import { MAX_PEOPLE, newTileRects, tileGap, tilePeople } from './people-tiles.js';

const FRAME = { x: 0, y: 0, w: 1280, h: 720 };
const tiles = (count: number, area = FRAME, gap = 0) => {
  const out = newTileRects();
  const n = tilePeople(count, area, gap, out);
  return out.slice(0, n).map((r) => ({ ...r }));
};

describe('tilePeople', () => {
  it('draws nobody for 0 and one person full frame', () => {
    expect(tiles(0)).toEqual([]);
    expect(tiles(1)).toEqual([FRAME]);
  });

  it('puts two side by side in a wide rect, stacked in a tall one, the gap between them', () => {
    expect(tiles(2, FRAME, 10)).toEqual([
      { x: 0, y: 0, w: 635, h: 720 },
      { x: 645, y: 0, w: 635, h: 720 },
    ]);
    const vertical = { x: 0, y: 0, w: 720, h: 1280 };
    expect(tiles(2, vertical, 10)).toEqual([
      { x: 0, y: 0, w: 720, h: 635 },
      { x: 0, y: 645, w: 720, h: 635 },
    ]);
  });

  it('tiles four as a 2x2 grid inside an offset rect, and centres a third on the bottom row', () => {
    const area = { x: 100, y: 50, w: 400, h: 200 };
    expect(tiles(4, area)).toEqual([
      { x: 100, y: 50, w: 200, h: 100 },
      { x: 300, y: 50, w: 200, h: 100 },
      { x: 100, y: 150, w: 200, h: 100 },
      { x: 300, y: 150, w: 200, h: 100 },
    ]);
    expect(tiles(3, area)[2]).toEqual({ x: 200, y: 150, w: 200, h: 100 });
  });

  it('caps at MAX_PEOPLE and reuses the same rect objects every frame', () => {
    const out = newTileRects();
    const first = out[0];
    expect(tilePeople(9, FRAME, 0, out)).toBe(MAX_PEOPLE);
    tilePeople(1, FRAME, 0, out);
    expect(out[0]).toBe(first);
    expect(out).toHaveLength(MAX_PEOPLE);
  });

  it('keeps the gap the same share of the frame at 720p and 1080p', () => {
    expect(tileGap({ x: 0, y: 0, w: 1920, h: 1080 }) / 1080).toBeCloseTo(tileGap(FRAME) / 720, 2);
  });
});
