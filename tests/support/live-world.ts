/**
 * The per-test side of tests/harness/test-studio.ts: studios and viewers a
 * test file starts are closed after each test.
 */
import { afterEach } from 'vitest';
import type { TestSignalClient } from '../harness/signal-client.js';
import { joinAsViewer, startTestStudio, type TestStudio } from '../harness/test-studio.js';
import { tempDir } from './temp-dir.js';

/**
 * For a test file: `studio()` starts a studio with the built-in SFU and waits
 * for main's link, `viewerOf()` joins one as a viewer; everything in
 * `studios` is closed after each test (push one started otherwise, take out
 * one a test closed itself).
 */
export function liveTestHarness() {
  const studios: TestStudio[] = [];
  const viewers: TestSignalClient[] = [];
  afterEach(async () => {
    for (const v of viewers.splice(0)) v.close();
    for (const s of studios.splice(0)) await s.close();
  });
  return {
    studios,
    async studio(dataDir = tempDir()): Promise<TestStudio> {
      const s = await startTestStudio(dataDir);
      studios.push(s);
      await s.waitForStatus((st) => st.state === 'connected', 'the link to the built-in SFU');
      return s;
    },
    async viewerOf(s: TestStudio) {
      const { signalUrl, room } = s.core.live.status();
      const v = await joinAsViewer(signalUrl!, room);
      viewers.push(v.client);
      return v;
    },
  };
}
