/**
 * The simulated audience on a remote SFU (`studio sfu`), which holds the
 * studio's computer to one address's share like any household: the host is
 * told how many joined and why the rest could not, in the SFU's words.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSfuServer, type SfuServer } from '../../sfu/index.js';
import { TestSignalClient } from '../../../tests/harness/signal-client.js';
import { until } from '../../../tests/harness/test-studio.js';
import type { PracticeAudienceState } from '../../shared/domain/practice.js';
import { PracticeAudience } from './practice-audience.js';

const TOKEN = 'practice-remote-token';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a simulated audience on a remote SFU', () => {
  it('joins as many as the SFU allows from one address and says why the rest could not', async () => {
    const sfu: SfuServer = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', defaultHostToken: TOKEN, maxConnectionsPerAddress: 4 });
    cleanups.push(() => sfu.close());
    const host = await TestSignalClient.connect(sfu);
    cleanups.push(() => host.close());
    await host.requests.request({ type: 'join', show: 'remote-rehearsal', role: 'host', hostToken: TOKEN });

    const emitted: PracticeAudienceState[] = [];
    const audience = new PracticeAudience({
      activeShow: () => ({ id: 1, name: 'Rehearsal', practice: true }),
      sfu: () => ({ signalUrl: sfu.signalUrl, room: 'remote-rehearsal' }),
      pinnedOptions: () => [],
      bidIncrement: () => '1',
      emit: (state) => emitted.push(state),
    });
    cleanups.push(() => audience.close());
    audience.start({ viewers: 6, messagesPerMinute: 120, seed: 1 });
    // The host's link holds one of the four: three viewers fit.
    await until(() => audience.state(), (s) => s.problem !== null && s.joining === 0, 'the audience to settle');
    expect(audience.state()).toMatchObject({
      running: true,
      connected: 3,
      problem: 'Only 3 of 6 simulated viewers could join: Too many connections from your network (4 at most).',
    });
    // The panel hears it too (counts are sent at most four times a second).
    await until(() => emitted.at(-1)?.problem ?? '', (p) => p.startsWith('Only 3 of 6'), 'the panel told');
    // Those who joined chat for real: the host hears their messages.
    await until(() => host.pushes('chatIncoming').length, (n) => n >= 2, 'two messages at the host');

    audience.stop();
    expect(audience.state()).toMatchObject({ running: false, connected: 0, problem: null });
  });
});
