import { describe, expect, it } from 'vitest';
import { MAX_MORE_UNITS, recogniseOneMore } from './one-more.js';

describe('recogniseOneMore', () => {
  it('reads a request for one more in the languages claims are read in', () => {
    for (const text of [
      'sold, one more please',
      'one more',
      'One more!!',
      'omg one more',
      'another one please',
      'sold, another',
      "I'll take another one",
      "I'll take another",
      '1 more',
      'otro por favor',
      'otro más',
      'otra más por favor',
      'uno más',
      'una mas',
      'encore un',
      'encore une svp',
      'un de plus',
      'noch eins bitte',
      'mais um',
      'un altro per favore',
      "un'altra grazie",
      'ancora uno',
    ]) {
      expect(recogniseOneMore(text), text).toBe(1);
    }
  });

  it('reads how many more, up to the most one message may ask for', () => {
    expect(recogniseOneMore('2 more')).toBe(2);
    expect(recogniseOneMore('two more please')).toBe(2);
    expect(recogniseOneMore('dos más')).toBe(2);
    expect(recogniseOneMore('encore deux')).toBe(2);
    expect(recogniseOneMore(`${MAX_MORE_UNITS} more`)).toBe(MAX_MORE_UNITS);
    expect(recogniseOneMore(`${MAX_MORE_UNITS + 1} more`)).toBeNull();
    expect(recogniseOneMore('10 more')).toBeNull();
  });

  it('is not a request when the viewer is talking, asking or saying no', () => {
    for (const text of [
      'one more question',
      'one more question for you',
      'one more?',
      'another one?',
      'one more time',
      'two more minutes',
      'no more',
      "I don't want another",
      'otra vez',
      'encore',
      'more',
      'sold',
      'one more, two more',
      'is there one more in blue',
      'another day another dollar',
      'one more one more one more one more one more',
    ]) {
      expect(recogniseOneMore(text), text).toBeNull();
    }
  });

  it('is not a request when "another one" is only a cheer: alone or wrapped in reactions', () => {
    for (const text of ['another one', 'omg another one', 'wow another one lol', 'another one!! love it', 'otro', 'wow otro', 'oh yes another', 'un altro']) {
      expect(recogniseOneMore(text), text).toBeNull();
    }
  });
});
