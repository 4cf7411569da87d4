import { describe, expect, it } from 'vitest';
import { Backoff } from '../../shared/time/backoff.js';
import { RECONNECT } from './control-client.js';

describe('the studio page reconnecting to its studio', () => {
  it('knocks again soon and then at least every 2 s, however long the studio was away', () => {
    const retry = new Backoff(RECONNECT);
    expect([retry.next(), retry.next(), retry.next()]).toEqual([500, 1000, 2000]);
    // A crashed studio that is back must not wait out a long backoff: the show's publisher waits for this socket.
    for (let n = 4; n <= 100; n++) expect(retry.next()).toBeLessThanOrEqual(2000);
  });
});
