import { describe, expect, it } from 'vitest';
import type { AuctionOverlay } from '../live/auction-view.js';
import { AuctionPainter } from './draw-auction.js';

/** A 2D context that records what is drawn and counts measurements (each character 10 px wide). */
function fakeContext() {
  const texts: string[] = [];
  let measures = 0;
  const ctx = {
    font: '',
    fillStyle: '',
    textAlign: 'start',
    textBaseline: 'alphabetic',
    save() {},
    restore() {},
    beginPath() {},
    roundRect() {},
    fill() {},
    fillText(text: string) {
      texts.push(text);
    },
    measureText(text: string) {
      measures++;
      return { width: text.length * 10 };
    },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, texts, measures: () => measures };
}

const running: AuctionOverlay = {
  id: 3,
  status: 'running',
  endsAt: 20_000,
  hideAt: null,
  price: '$12.00',
  priceLabel: 'CURRENT BID',
  leader: 'Ana',
  result: null,
  sold: false,
};
const rect = { x: 0, y: 0, w: 960, h: 600 };

describe('the auction on the video', () => {
  it('draws price, leader and countdown while it runs', () => {
    const painter = new AuctionPainter();
    const { ctx, texts } = fakeContext();
    painter.set(running);
    expect(painter.draw(ctx, rect, 12_500)).toEqual({ id: 3, text: '$12.00 Ana is winning 00:08' });
    expect(texts).toEqual(['AUCTION · CURRENT BID', '$12.00', 'Ana is winning', '00:08']);
  });

  it('measures its words once per change, not every frame', () => {
    const painter = new AuctionPainter();
    const { ctx, measures } = fakeContext();
    painter.set(running);
    painter.draw(ctx, rect, 10_000);
    const first = measures();
    // 30 frames within the same second: nothing measured again.
    for (let frame = 1; frame < 30; frame++) painter.draw(ctx, rect, 10_000 + frame * 33);
    expect(measures()).toBe(first);
    // The next second: only the countdown.
    painter.draw(ctx, rect, 11_000);
    expect(measures()).toBe(first + 1);
    // A new price: everything once more.
    painter.set({ ...running, price: '$13.00' });
    painter.draw(ctx, rect, 11_100);
    expect(measures()).toBeGreaterThan(first + 1);
  });

  it('shows "SOLD to Ana — $42" for a few seconds after the end, then nothing', () => {
    const painter = new AuctionPainter();
    const { ctx, texts } = fakeContext();
    painter.set({ ...running, status: 'sold', hideAt: 30_000, result: 'SOLD to Ana — $42.00', sold: true });
    expect(painter.draw(ctx, rect, 25_000)).toEqual({ id: 3, text: 'SOLD to Ana — $42.00' });
    expect(texts).toEqual(['SOLD to Ana — $42.00']);
    expect(painter.draw(ctx, rect, 30_000)).toBeNull();
    painter.set(null);
    expect(painter.draw(ctx, rect, 25_000)).toBeNull();
  });
});
