/**
 * The host's name is the studio's: a viewer on the built-in SFU (real
 * mediasoup worker) may not chat under a look-alike of the name in Settings,
 * and a renamed host is protected under the new name at once. A moderator's
 * name is protected the same way while they are one, and stays theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import type { SfuServer } from '../../sfu/index.js';
import { TestSignalClient } from '../../../tests/harness/signal-client.js';
import { startTestStudio, until, type TestStudio } from '../../../tests/harness/test-studio.js';

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
const tryName = (name: string, client = viewer) =>
  client.requests.request({ type: 'chatSetName', name }).then(
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

describe("a moderator's name on the SFU", () => {
  it('is refused to others in look-alike spellings while they moderate; they keep it', async () => {
    const { signalUrl, room } = s.core.live.status();
    const mia = await TestSignalClient.connect({ signalUrl } as SfuServer);
    try {
      await mia.requests.request({ type: 'join', show: room, role: 'viewer', viewerKey: 'reserved-names-moderator-1', name: 'Mia Rossi' });
      const { messageId } = await mia.requests.request({ type: 'chatSend', text: 'hello everyone' });
      const seen = await until(() => s.core.chat.viewers(), (v) => v.some((x) => x.name === 'Mia Rossi'), 'Mia in the viewer list');
      expect(messageId).not.toBe('');
      const miaId = seen.find((x) => x.name === 'Mia Rossi')!.viewerId;

      // Before: any viewer may be called something like her.
      expect(await tryName('Mіa Rossі')).toBe('Mіa Rossі'); // Cyrillic і
      await s.call('studio:chat:set-moderator', { viewerId: miaId, moderator: true });
      const refusal = 'That name looks like a moderator’s. Pick another.';
      expect(await answerOnceSettled('M1a R0ssi', refusal)).toBe(refusal);
      expect(await tryName('Mіa Rossі')).toBe(refusal);
      // Her own name stays hers.
      expect(await tryName('Mia Rossi', mia)).toBe('Mia Rossi');

      await s.call('studio:chat:set-moderator', { viewerId: miaId, moderator: false });
      expect(await answerOnceSettled('M1a R0ssi', 'M1a R0ssi')).toBe('M1a R0ssi');
    } finally {
      mia.close();
    }
  });
});

describe("the store's name on the SFU", () => {
  it('is refused in look-alike spellings once Settings name the store, and free again when the name is cleared', async () => {
    // No store name yet: nothing to imitate.
    expect(await tryName('Bloom & Co')).toBe('Bloom & Co');
    await s.call('studio:settings:update', { storeName: 'Bloom & Co' });
    const refusal = 'That name looks like the store’s. Pick another.';
    expect(await answerOnceSettled('BL00M & CO', refusal)).toBe(refusal);
    expect(await tryName('Вloom & Сo')).toBe(refusal); // Cyrillic В and С
    // The host's name is still protected beside it.
    expect(await tryName('Lo1a M')).toBe('That name looks like the host’s. Pick another.');
    await s.call('studio:settings:update', { storeName: '' });
    expect(await answerOnceSettled('Bloom & Co', 'Bloom & Co')).toBe('Bloom & Co');
  });
});
