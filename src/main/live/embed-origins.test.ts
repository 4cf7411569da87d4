/**
 * Settings → Store's embed origins reach the built-in SFU: the player's
 * `frame-ancestors` follows a settings change at once, through the whole
 * studio core (dispatcher, settings on disk, the real SFU), without
 * restarting the SFU.
 */
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../shared/domain/settings.js';
import { liveTestHarness } from '../../../tests/support/live-world.js';

const { studio } = liveTestHarness();

const ancestors = async (url: string): Promise<string> => /frame-ancestors ([^;]+)/.exec((await fetch(url)).headers.get('content-security-policy') ?? '')?.[1] ?? '';

describe('the built-in SFU and Settings → Store', () => {
  it('lets the pages in settings.store.embedOrigins frame the player, and follows a change without a restart', async () => {
    const s = await studio();
    const status = s.core.live.status();
    const embedUrl = status.viewerUrls[0]!.replace('/watch/', '/embed/');
    expect(await ancestors(embedUrl)).toBe("'none'");

    await s.call<Settings>('studio:settings:update', { store: { embedOrigins: ['https://shop.example.com/', 'http://localhost:3000'] } });
    expect(await ancestors(embedUrl)).toBe('https://shop.example.com http://localhost:3000');
    // The same SFU (same address, still connected): no viewer was dropped for it.
    expect(s.core.live.status()).toMatchObject({ viewerUrls: status.viewerUrls, state: 'connected' });

    await s.call<Settings>('studio:settings:update', { store: { embedOrigins: [] } });
    expect(await ancestors(embedUrl)).toBe("'none'");
    // The watch page stays unframeable.
    expect(await ancestors(status.viewerUrls[0]!)).toBe("'none'");
  });
});
