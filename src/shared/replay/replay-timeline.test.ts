import { describe, expect, it } from 'vitest';
import { readReplayTimeline, REPLAY_FORMAT, ReplayTimelineError } from './replay-timeline.js';

const product = (fields: Record<string, unknown> = {}) => ({
  key: '1',
  title: 'Silk scarf',
  variant: null,
  image: 'images/1.png',
  price: '40.00',
  compareAtPrice: null,
  currency: 'USD',
  buyUrl: 'https://shop.example.com/scarf',
  available: true,
  ...fields,
});

const file = (fields: Record<string, unknown> = {}) => ({
  format: REPLAY_FORMAT,
  version: 1,
  title: 'Spring drop',
  recordedAt: 1,
  duration: 10,
  pins: [{ start: 1, end: 3, product: product(), wasOnDeal: true }],
  chapters: [{ start: 1, pin: 0 }],
  chat: null,
  publishedAt: 2,
  ...fields,
});

describe('readReplayTimeline', () => {
  it('reads what the studio writes', () => {
    const timeline = readReplayTimeline(file());
    expect(timeline.pins).toEqual([{ start: 1, end: 3, product: product(), wasOnDeal: true }]);
    expect(timeline.chapters).toEqual([{ start: 1, pin: 0 }]);
    expect(timeline.chat).toBeNull();
  });

  it('refuses a file that is not a replay timeline, or a newer format, in words', () => {
    expect(() => readReplayTimeline({ pins: [] })).toThrow(ReplayTimelineError);
    expect(() => readReplayTimeline(null)).toThrow('not a Live Seller Studio replay');
    expect(() => readReplayTimeline(file({ version: 2 }))).toThrow('newer format');
  });

  it('trusts nothing in an edited file: links other than https, pictures from outside the folder, bad prices', () => {
    const timeline = readReplayTimeline(
      file({
        pins: [
          { start: 0, end: 1, product: product({ buyUrl: 'javascript:alert(1)', image: '../../secret.png' }) },
          { start: 1, end: 2, product: product({ buyUrl: 'http://shop.example.com', image: 'https://tracker.example.com/p.png' }) },
          { start: 2, end: 3, product: product({ price: '1e9', compareAtPrice: '30.00', currency: 'usd' }) },
          { start: 3, end: 4, product: product({ available: false }) },
        ],
      }),
    );
    const [a, b, c, d] = timeline.pins.map((p) => p.product);
    expect([a?.buyUrl, a?.image, b?.buyUrl, b?.image]).toEqual([null, null, null, null]);
    expect([c?.price, c?.compareAtPrice, c?.currency]).toEqual([null, null, null]);
    // A product no longer sold has no price and no Buy, whatever the file says.
    expect([d?.price, d?.buyUrl, d?.available]).toEqual([null, null, false]);
  });

  it('drops pins without a product or a length, sorts them and never lets two overlap', () => {
    const timeline = readReplayTimeline(
      file({
        pins: [
          { start: 5, end: 9, product: product({ key: 'b' }) },
          { start: 1, end: 6, product: product({ key: 'a' }) },
          { start: 3, end: 3, product: product() },
          { start: 'x', end: 4, product: product() },
          { start: 7, end: 8, product: { title: 'no key' } },
        ],
        chapters: [{ start: 1, pin: 0 }, { start: 2, pin: 7 }, { start: 'x', pin: 1 }],
      }),
    );
    expect(timeline.pins.map((p) => [p.start, p.end, p.product.key])).toEqual([
      [1, 5, 'a'],
      [5, 9, 'b'],
    ]);
    expect(timeline.chapters).toEqual([{ start: 1, pin: 0 }]);
  });

  it('keeps chat lines with a time, a name and text, in order', () => {
    const timeline = readReplayTimeline(
      file({
        chat: [
          { at: 4, name: 'Ana', text: 'love it', role: 'viewer' },
          { at: 1, name: 'Host', text: 'welcome', role: 'host' },
          { at: 2, name: '', text: 'nameless' },
          { at: 3, name: 'Bo', text: 'hi', role: 'admin' },
        ],
      }),
    );
    expect(timeline.chat).toEqual([
      { at: 1, name: 'Host', text: 'welcome', role: 'host' },
      { at: 3, name: 'Bo', text: 'hi', role: 'viewer' },
      { at: 4, name: 'Ana', text: 'love it', role: 'viewer' },
    ]);
  });
});
