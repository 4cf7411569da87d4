import { describe, expect, it } from 'vitest';
import { chooseVideoFeed, isPortrait } from './feed-choice.js';

const phonePortrait = { width: 390, height: 844 };
const phoneLandscape = { width: 844, height: 390 };
const laptop = { width: 1440, height: 900 };
/** Portrait, but barely (a window dragged near square). */
const nearSquareTall = { width: 800, height: 840 };
const nearSquareWide = { width: 840, height: 800 };

describe('which video feed the watch page shows', () => {
  it('first choice: a portrait viewport takes the vertical feed when the host sends one; landscape and square take main', () => {
    expect(chooseVideoFeed(phonePortrait, true, null)).toBe('vertical');
    expect(chooseVideoFeed(nearSquareTall, true, null)).toBe('vertical');
    expect(chooseVideoFeed(phoneLandscape, true, null)).toBe('main');
    expect(chooseVideoFeed(laptop, true, null)).toBe('main');
    expect(chooseVideoFeed({ width: 600, height: 600 }, true, null)).toBe('main');
  });

  it('without a vertical feed every viewport takes main, even one showing vertical now (the host turned it off)', () => {
    expect(chooseVideoFeed(phonePortrait, false, null)).toBe('main');
    expect(chooseVideoFeed(phonePortrait, false, 'vertical')).toBe('main');
  });

  it('a phone turned over switches feeds both ways', () => {
    expect(chooseVideoFeed(phoneLandscape, true, 'vertical')).toBe('main');
    expect(chooseVideoFeed(phonePortrait, true, 'main')).toBe('vertical');
  });

  it('near square, the feed shown stays (hysteresis): no flipping while a window is resized or a keyboard opens', () => {
    expect(chooseVideoFeed(nearSquareWide, true, 'vertical')).toBe('vertical');
    expect(chooseVideoFeed(nearSquareTall, true, 'main')).toBe('main');
    // A portrait phone whose keyboard takes half the height is still shown the vertical feed.
    expect(chooseVideoFeed({ width: 390, height: 420 }, true, 'vertical')).toBe('vertical');
  });

  it('a viewport of no size (a hidden frame) takes main', () => {
    expect(chooseVideoFeed({ width: 0, height: 0 }, true, null)).toBe('main');
    expect(isPortrait({ width: 0, height: 0 })).toBe(false);
  });
});
