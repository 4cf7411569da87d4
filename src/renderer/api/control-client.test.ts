import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from './control-client.js';

describe('the studio page reconnecting to its studio', () => {
  it('knocks again soon and then at least every 2 s, however long the studio was away', () => {
    expect([1, 2, 3].map(reconnectDelayMs)).toEqual([500, 1000, 2000]);
    // A crashed studio that is back must not wait out a long backoff: the show's publisher waits for this socket.
    for (let retry = 1; retry <= 100; retry++) expect(reconnectDelayMs(retry)).toBeLessThanOrEqual(2000);
  });
});
