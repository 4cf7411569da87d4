import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chapterIndexAt, chatCountAt, formatOffset, pinIndexAt } from './replay-clock.js';

const pins = [
  { start: 2, end: 4.5 },
  { start: 4.5, end: 6 },
  { start: 8, end: 9 },
];

describe('pinIndexAt', () => {
  it('is the pin on screen: from its start up to (not at) its end, none in the gaps', () => {
    expect(pinIndexAt(pins, 0)).toBe(-1);
    expect(pinIndexAt(pins, 1.999)).toBe(-1);
    expect(pinIndexAt(pins, 2)).toBe(0);
    expect(pinIndexAt(pins, 4.499)).toBe(0);
    expect(pinIndexAt(pins, 4.5)).toBe(1);
    expect(pinIndexAt(pins, 6)).toBe(-1);
    expect(pinIndexAt(pins, 7)).toBe(-1);
    expect(pinIndexAt(pins, 8.5)).toBe(2);
    expect(pinIndexAt(pins, 100)).toBe(-1);
    expect(pinIndexAt([], 1)).toBe(-1);
  });

  it('agrees with looking at every pin', () => {
    const sortedPins = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 20 })), { maxLength: 30 })
      .map((steps) => {
        let at = 0;
        return steps.map(([gap, length]) => {
          const start = at + gap;
          at = start + length;
          return { start, end: at };
        });
      });
    fc.assert(
      fc.property(sortedPins, fc.double({ min: 0, max: 2000, noNaN: true }), (list, t) => {
        expect(pinIndexAt(list, t)).toBe(list.findIndex((p) => p.start <= t && t < p.end));
      }),
    );
  });
});

describe('chapterIndexAt and chatCountAt', () => {
  it('give the chapter playing and the chat said so far', () => {
    const chapters = [{ start: 2 }, { start: 8 }];
    expect(chapterIndexAt(chapters, 1)).toBe(-1);
    expect(chapterIndexAt(chapters, 2)).toBe(0);
    expect(chapterIndexAt(chapters, 7.9)).toBe(0);
    expect(chapterIndexAt(chapters, 60)).toBe(1);
    const chat = [{ at: 0 }, { at: 1 }, { at: 1 }, { at: 5 }];
    expect(chatCountAt(chat, 0)).toBe(1);
    expect(chatCountAt(chat, 1)).toBe(3);
    expect(chatCountAt(chat, 4.9)).toBe(3);
    expect(chatCountAt(chat, 5)).toBe(4);
    expect(chatCountAt([], 5)).toBe(0);
  });
});

describe('formatOffset', () => {
  it('reads as a video position', () => {
    expect(formatOffset(0)).toBe('0:00');
    expect(formatOffset(7.9)).toBe('0:07');
    expect(formatOffset(754)).toBe('12:34');
    expect(formatOffset(3729)).toBe('1:02:09');
    expect(formatOffset(-3)).toBe('0:00');
    expect(formatOffset(Number.NaN)).toBe('0:00');
  });
});
