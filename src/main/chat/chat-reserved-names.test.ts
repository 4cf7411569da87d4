/**
 * The host's name is the studio's: a viewer on the built-in SFU (real
 * mediasoup worker) may not chat under a look-alike of the name in Settings,
 * and a renamed host is protected under the new name at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import type { SfuServer } from '../../sfu/index.js';
import { TestSignalClient } from '../../../tests/harness/signal-client.js';
import { startTestStudio, type TestStudio } from '../../../tests/harness/test-studio.js';

let s: TestStudio;
let viewer: TestSignalClient;
beforeAll(async () => {
  s = await startTestStudio(tempDir());
  await s.waitForStatus((st) => st.state === 'connected', 'the link to the built-in SFU');
  const { signalUrl, room } = s.core.live.status();
  viewer = await TestSignalClient.connect({ signalUrl } as SfuServer);
  await viewer.requests.request({ type: 'join', show: room, role: 'viewer', viewerKey: 'reserved-names-viewer-01' });
});
afterAll(async () => {
  viewer.close();
  await s.close();
});

/** What the SFU says to this name: the name given, or the refusal's words. */
const tryName = (name: string) =>
  viewer.requests.request({ type: 'chatSetName', name }).then(
    (reply) => reply.name,
    (error: Error) => error.message,
  );

/** Settings reach the SFU over main's link, on their own schedule: ask until the answer changes. */
async function answerOnceSettled(name: string, expected: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const answer = await tryName(name);
    if (answer === expected || Date.now() > deadline) return answer;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("the host's name on the SFU", () => {
  it('is refused in any look-alike spelling, and follows a rename', async () => {
    expect(await tryName('H0st')).toBe('That name looks like the host’s. Pick another.');
    await s.call('studio:settings:update', { hostName: 'Lola Martin' });
    const refusal = 'That name looks like the host’s. Pick another.';
    expect(await answerOnceSettled('L0la Mаrtin', refusal)).toBe(refusal); // Cyrillic а
    expect(await tryName('LOLA MARTIN')).toBe(refusal);
    await s.call('studio:settings:update', { hostName: 'Lola M.' });
    expect(await answerOnceSettled('Lola Martin', 'Lola Martin')).toBe('Lola Martin');
    expect(await tryName('Lo1a M')).toBe(refusal);
  });
});
