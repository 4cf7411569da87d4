import { describe, expect, it } from 'vitest';
import { nextShowText, replayPath } from './embed-format.js';

const now = Date.parse('2026-12-07T12:00:00Z');

describe('nextShowText', () => {
  it('says when the next show is, in the given locale', () => {
    const text = nextShowText('2026-12-08T18:00:00Z', now, 'en-US');
    expect(text).toMatch(/^Next show: Tue, Dec 8/);
  });
  it('says nothing for a time past, absurdly far, or not a date', () => {
    for (const raw of [null, '2026-12-07T11:00:00Z', '2062-01-01T00:00:00Z', 'tomorrow', '2026-13-45T99:00', '<b>2026-12-08T18:00Z</b>']) {
      expect(nextShowText(raw, now, 'en-US')).toBeNull();
    }
  });
});

describe('replayPath', () => {
  it('is the replay route for a folder name of the safe shape only', () => {
    expect(replayPath('spring-drop')).toBe('/replay/spring-drop/');
    for (const raw of [null, '', '../secret', 'a/b', '.hidden', 'x'.repeat(101)]) expect(replayPath(raw)).toBeNull();
  });
});
