import { describe, expect, it } from 'vitest';
import { REPLAY_NAME_PATTERN, replayFolderName, replayUrl } from './replay-names.js';

describe('replayFolderName', () => {
  it('makes a short, URL-safe folder name from any show name', () => {
    expect(replayFolderName('Spring Drop: Silk & Linen!')).toBe('spring-drop-silk-linen');
    expect(replayFolderName('Café Crème — Été')).toBe('cafe-creme-ete');
    // repo-paths: not a path, a traversal attempt as a show name
    expect(replayFolderName('../../etc/passwd')).toBe('etc-passwd');
    expect(replayFolderName('<script>alert(1)</script>')).toBe('script-alert-1-script');
    expect(replayFolderName('日本のショー')).toBe('show');
    expect(replayFolderName('   ')).toBe('show');
    const long = replayFolderName(`${'a'.repeat(59)} b c`);
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long.endsWith('-')).toBe(false);
    for (const name of ['Spring Drop', '../../x', '', 'Ünïcödé 2026', '-leading', 'a'.repeat(500)]) {
      expect(REPLAY_NAME_PATTERN.test(replayFolderName(name))).toBe(true);
    }
  });

  it('puts the name under the server\'s /replay/ with a trailing slash', () => {
    expect(replayUrl('http://127.0.0.1:4443', 'spring-drop')).toBe('http://127.0.0.1:4443/replay/spring-drop/');
    expect(replayUrl('https://live.example.com/', 'x')).toBe('https://live.example.com/replay/x/');
  });
});
