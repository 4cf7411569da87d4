/**
 * Giveaways end to end below the browser: the API through the dispatcher,
 * SQLite on disk, main's link to the built-in SFU (real mediasoup worker)
 * and viewers speaking the protocol as the watch page does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import type { GiveawaysState } from '../../shared/domain/giveaways.js';
import { drawWinner } from '../../shared/giveaway/draw.js';
import type { SignalServerMessage } from '../../shared/sfu/protocol.js';
import type { SfuServer } from '../../sfu/index.js';
import { TestSignalClient } from '../../../tests/harness/signal-client.js';
import { startTestStudio, until, type TestStudio } from '../../../tests/harness/test-studio.js';

const clients: TestSignalClient[] = [];
const studios: TestStudio[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of studios.splice(0)) await s.close();
});

async function viewer(s: TestStudio, name: string) {
  const { signalUrl, room } = s.core.live.status();
  const client = await TestSignalClient.connect({ signalUrl } as SfuServer);
  clients.push(client);
  const joined = await client.requests.request({ type: 'join', show: room, role: 'viewer', viewerKey: `key-${name}-0000000000`, name });
  return {
    client,
    viewerId: joined.chat!.viewerId,
    say: (text: string) => client.requests.request({ type: 'chatSend', text }),
    enter: (giveawayId: number) => client.requests.request({ type: 'sellAction', action: { kind: 'enterGiveaway', giveawayId } }),
    notice: (outcome: string) =>
      client.waitFor((m: SignalServerMessage) => m.type === 'sellNotice' && m.notice.kind === 'giveaway' && m.notice.outcome === outcome),
  };
}

describe('giveaways through the built-in SFU', () => {
  it('viewers enter by keyword and button, once each; a banned one is refused; everyone sees the winner and the winner is told', async () => {
    const s = await startTestStudio(tempDir());
    studios.push(s);
    await s.waitForStatus((st) => st.state === 'connected', 'the link to the built-in SFU');
    const [ana, ben, cy, dan] = [await viewer(s, 'Ana'), await viewer(s, 'Ben'), await viewer(s, 'Cy'), await viewer(s, 'Dan')];
    await dan.say('hello');
    await until(() => s.core.chat.viewers(), (list) => list.some((v) => v.viewerId === dan.viewerId), 'Dan in chat');
    await s.call('studio:chat:ban', { viewerId: dan.viewerId });

    const { current } = await s.call<GiveawaysState>('studio:giveaways:start', { prize: 'Silk scarf', keyword: 'enter' });
    const id = current!.id;
    const opened = await ana.client.waitFor((m: SignalServerMessage) => m.type === 'sellState' && m.state.giveaway?.id === id);
    // The commitment reaches viewers with the open giveaway, before any entry; the seed does not.
    const openView = opened.type === 'sellState' ? opened.state.giveaway! : null;
    expect(openView).toMatchObject({ status: 'open', entries: 0, commitment: current!.commitment, seed: null });
    expect(current!.commitment).toMatch(/^[0-9a-f]{64}$/);

    await ana.say('Enter!');
    await ana.notice('entered');
    await ben.enter(id);
    await ben.notice('entered');
    await cy.enter(id);
    await cy.notice('entered');
    await cy.say('enter');
    expect((await cy.client.waitFor((m: SignalServerMessage) => m.type === 'sellNotice' && /already in/.test(m.notice.text))).type).toBe('sellNotice');
    await dan.enter(id);
    const refused = await dan.notice('refused');
    expect(refused.type === 'sellNotice' && refused.notice.text).toBe('You can’t enter giveaways in this chat.');
    await until(() => s.core.giveaways.state(null).current!.entries, (n) => n === 3, 'three entries');

    const drawn = (await s.call<GiveawaysState>('studio:giveaways:draw')).current!;
    const winnerId = (await drawWinner(drawn.seed!, [ana.viewerId, ben.viewerId, cy.viewerId])).winner;
    expect(drawn.winner!.viewerId).toBe(winnerId);
    expect(drawn.commitment).toBe(current!.commitment);
    for (const v of [ana, ben, cy, dan]) {
      await v.client.waitFor((m: SignalServerMessage) => m.type === 'sellState' && m.state.giveaway?.status === 'drawn' && m.state.giveaway.winner?.viewerId === winnerId);
    }
    const winner = [ana, ben, cy].find((v) => v.viewerId === winnerId)!;
    const won = await winner.notice('won');
    expect(won.type === 'sellNotice' && won.notice.text).toBe('You won Silk scarf! The host will be in touch.');
    // The host's line in chat, seen by every viewer.
    await dan.client.waitFor((m: SignalServerMessage) => m.type === 'chatMessage' && m.message.role === 'host' && m.message.text.includes('won the giveaway: Silk scarf'));
  });
});
