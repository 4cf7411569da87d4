/**
 * A studio whose built-in SFU cannot start (no mediasoup worker binary, as
 * on a broken install) still runs: the catalog, the rundown and the pin
 * history work, and the SFU status says what is wrong in host words.
 *
 * Runs in its own test process (vitest isolates files), so pointing
 * mediasoup at a missing worker here affects no other test.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import type { PinRecord, PinState, SfuStatus } from '../../shared/domain/live.js';
import type { Show } from '../../shared/domain/rundown.js';
import { startTestStudio, type TestStudio } from '../../../tests/harness/test-studio.js';

process.env.MEDIASOUP_WORKER_BIN = '/nonexistent/mediasoup-worker';

let studio: TestStudio | null = null;
afterEach(async () => {
  await studio?.close();
  studio = null;
});

describe('the built-in SFU cannot start', () => {
  it('the studio still works, and the SFU status explains the problem', async () => {
    const s = (studio = await startTestStudio(tempDir()));
    const status = await s.waitForStatus((st) => st.state !== 'starting', 'the SFU start to finish');
    expect(status).toMatchObject({ mode: 'embedded', state: 'error', signalUrl: null, viewerUrls: [], live: false });
    expect(status.error).toMatch(/built-in SFU could not start its media server.*remote SFU/s);
    expect(await s.call<SfuStatus>('studio:live:sfu-status')).toEqual(status);
    await expect(s.call('studio:live:publish-ticket')).rejects.toMatchObject({ code: 'unavailable', message: status.error });

    // Everything else goes on: catalog, rundown, pins (saved; the SFU target says it failed).
    const [row] = s.addProducts({ title: 'Mug' });
    const show = await s.call<Show>('studio:rundown:create-show', { name: 'Friday' });
    await s.call('studio:rundown:set-active-show', { showId: show.id });
    const pinned = await s.call<PinState>('studio:live:pin', { productId: row!.productId });
    expect(pinned.current).toMatchObject({ showId: show.id, card: { title: 'Mug' } });
    expect(pinned.targets.sfu).toBe('failed');
    expect(await s.call<PinRecord[]>('studio:live:pin-history')).toHaveLength(1);
    await s.call('studio:live:unpin');
  });
});
