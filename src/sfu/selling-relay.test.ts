import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_SELL_STATE, type SellNotice } from '../shared/sfu/protocol-selling.js';
import { SignalRequestError } from '../shared/sfu/signal-requests.js';
import { startSfuServer, type SfuServer } from './sfu-server.js';
import { TestSignalClient } from '../../tests/harness/signal-client.js';
import { sampleAuction, sampleGiveaway, sellState } from '../../tests/harness/sell-fixtures.js';

/**
 * Auctions, giveaways and practice through a real SFU and real sockets: a
 * viewer's bid goes to the studio's link alone, stamped; the studio's state
 * reaches everyone on the SFU's clock and waits for late joiners; a notice
 * reaches one viewer.
 */

const HOST_TOKEN = 'selling-secret';
let shows = 0;
const newShow = () => `sell-${++shows}`;
const bid = (amount: string, auctionId = 7) => ({ type: 'sellAction', action: { kind: 'bid', auctionId, amount } }) as const;

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SignalRequestError);
  return `${(error as SignalRequestError).code}: ${(error as SignalRequestError).message}`;
}

function harness(options: Parameters<typeof startSfuServer>[0]) {
  let sfu: SfuServer;
  const clients: TestSignalClient[] = [];
  beforeAll(async () => {
    sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', defaultHostToken: HOST_TOKEN, maxConnectionsPerAddress: 200, ...options });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await sfu.close();
  });
  const connect = async () => {
    const client = await TestSignalClient.connect(sfu);
    clients.push(client);
    return client;
  };
  const host = async (show: string, confirmsChat: boolean) => {
    const client = await connect();
    await client.requests.request({ type: 'join', show, role: 'host', hostToken: HOST_TOKEN, confirmsChat });
    return client;
  };
  const viewer = async (show: string, extra: { name?: string; viewerKey?: string } = { name: 'Anna' }) => {
    const client = await connect();
    const reply = await client.requests.request({ type: 'join', show, role: 'viewer', ...extra });
    return { client, viewerId: reply.chat!.viewerId, room: reply.room };
  };
  return { connect, host, viewer };
}

describe('selling relay', () => {
  const { connect, host, viewer } = harness({ sellAddressRateLimit: { burst: 1000, perSecond: 1000 } });

  it('stamps a viewer’s bid and takes it to the studio’s link alone', async () => {
    const show = newShow();
    const studio = await host(show, true);
    const publisher = await host(show, false);
    await studio.requests.request({ type: 'sellState', state: sellState({ auction: sampleAuction(Date.now()) }) });
    const anna = await viewer(show, { name: 'Anna', viewerKey: 'anna-key-000000000000' });
    const ben = await viewer(show, { name: 'Ben' });
    const before = Date.now();
    const reply = await anna.client.requests.request(bid('11.00'));
    expect(reply.forwarded).toBe(true);
    expect(reply.ts).toBeGreaterThanOrEqual(before);
    expect(reply.ts).toBeLessThanOrEqual(Date.now());
    const { action } = await studio.waitForPush('sellIncoming');
    expect(action).toMatchObject({ viewerId: anna.viewerId, name: 'Anna', action: { kind: 'bid', auctionId: 7, amount: '11.00' }, ts: reply.ts });
    expect(action.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(action.watchingSince).toBeLessThanOrEqual(action.ts);
    // A maximum and a giveaway entry travel the same way; each has its own id.
    await studio.requests.request({ type: 'sellState', state: sellState({ auction: sampleAuction(Date.now()), giveaway: sampleGiveaway() }) });
    await anna.client.requests.request({ type: 'sellAction', action: { kind: 'maxBid', auctionId: 7, amount: '40' } });
    await ben.client.requests.request({ type: 'sellAction', action: { kind: 'enterGiveaway', giveawayId: 3 } });
    await studio.requests.request({ type: 'chatReserveNames', names: [] }); // a round trip: anything pushed before it has arrived
    const incoming = studio.pushes('sellIncoming').map((p) => p.action);
    expect(incoming.map((a) => [a.name, a.action.kind])).toEqual([
      ['Anna', 'bid'],
      ['Anna', 'maxBid'],
      ['Ben', 'enterGiveaway'],
    ]);
    expect(new Set(incoming.map((a) => a.id)).size).toBe(3);
    await publisher.requests.request({ type: 'chatReserveNames', names: [] });
    expect(publisher.pushes('sellIncoming')).toEqual([]);
    expect([...anna.client.pushes('sellIncoming'), ...ben.client.pushes('sellIncoming')]).toEqual([]);
  });

  it('asks for a chat name first, and refuses what cannot be right before the studio hears of it', async () => {
    const show = newShow();
    const studio = await host(show, true);
    await studio.requests.request({
      type: 'sellState',
      state: sellState({ auction: sampleAuction(Date.now()), giveaway: sampleGiveaway({ buttonEntry: false }) }),
    });
    const nameless = await viewer(show, {});
    expect(await refusal(nameless.client.requests.request(bid('11')))).toBe('name-required: Choose a display name before bidding.');
    expect(await refusal(nameless.client.requests.request({ type: 'sellAction', action: { kind: 'enterGiveaway', giveawayId: 3 } }))).toBe(
      'name-required: Choose a display name before entering the giveaway.',
    );
    await nameless.client.requests.request({ type: 'chatSetName', name: 'Cleo' });
    expect(await refusal(nameless.client.requests.request(bid('11', 99)))).toBe('conflict: This auction has ended.');
    expect(await refusal(nameless.client.requests.request(bid('eleven')))).toBe('invalid-message: Enter an amount such as 25 or 25.50.');
    expect(await refusal(nameless.client.requests.request(bid('0.00')))).toBe('invalid-message: Enter an amount such as 25 or 25.50.');
    // More decimals or digits than the protocol's money: refused here, never forwarded to the studio.
    expect(await refusal(nameless.client.requests.request(bid('25.12345')))).toBe('invalid-message: Enter an amount such as 25 or 25.50.');
    expect(await refusal(nameless.client.requests.request(bid('1000000000000')))).toBe('invalid-message: Enter an amount such as 25 or 25.50.');
    expect(await refusal(nameless.client.requests.request({ type: 'sellAction', action: { kind: 'enterGiveaway', giveawayId: 3 } }))).toBe(
      'conflict: Enter this giveaway by typing ENTER in chat.',
    );
    await studio.requests.request({ type: 'sellState', state: sellState({ auction: sampleAuction(Date.now(), { status: 'sold' }) }) });
    expect(await refusal(nameless.client.requests.request(bid('11')))).toBe('conflict: This auction has ended.');
    await studio.requests.request({ type: 'chatReserveNames', names: [] });
    expect(studio.pushes('sellIncoming')).toEqual([]);
    expect(await nameless.client.requests.request(bid('11')).catch(() => 'refused')).toBe('refused');
  });

  it('tells the viewer when no studio is there to decide', async () => {
    const show = newShow();
    const studio = await host(show, true);
    await studio.requests.request({ type: 'sellState', state: sellState({ auction: sampleAuction(Date.now()) }) });
    await host(show, false);
    const anna = await viewer(show);
    studio.close();
    await studio.closed;
    // The SFU hears of the closed socket a moment later: asked until it has.
    const answer = () => anna.client.requests.request(bid('11')).then(() => 'forwarded', (e: SignalRequestError) => `${e.code}: ${e.message}`);
    await expect.poll(answer).toBe(
      'unavailable: The seller is not connected right now, so your bid was not sent. Try again in a moment.',
    );
  });

  it('gives every connection the state on the SFU’s clock, keeps it for late joiners and forgets it when the show ends', async () => {
    const show = newShow();
    const studio = await host(show, true);
    const early = await viewer(show);
    expect(early.room.sell).toEqual(EMPTY_SELL_STATE);
    // The studio's clock is two hours ahead; its auction started 5 s ago and ends in 60 s (its clock).
    const hostNow = Date.now() + 2 * 3_600_000;
    const state = sellState({ practice: true, auction: sampleAuction(hostNow), giveaway: sampleGiveaway() });
    const sentAt = Date.now();
    await studio.requests.request({ type: 'sellState', state, hostNow });
    const answeredAt = Date.now();
    const push = await early.client.waitForPush('sellState');
    const auction = push.state.auction!;
    expect(auction.endsAt - auction.startedAt).toBe(65_000);
    expect(auction.endsAt).toBeGreaterThanOrEqual(sentAt + 60_000);
    expect(auction.endsAt).toBeLessThanOrEqual(answeredAt + 60_000);
    expect(auction.endsAt - push.serverTime).toBeGreaterThan(59_000);
    expect(auction.endsAt - push.serverTime).toBeLessThanOrEqual(60_000);
    expect(push.state).toEqual({ ...state, auction });
    // Every connection (the studio's link too).
    expect((await studio.waitForPush('sellState')).state).toEqual(push.state);
    const late = await viewer(show, { name: 'Ben' });
    expect(late.room.sell).toEqual(push.state);
    // An ended auction's times move too.
    const ended = sampleAuction(hostNow, { status: 'sold', endedAt: hostNow - 1_000, endsAt: hostNow - 1_000 });
    await studio.requests.request({ type: 'sellState', state: sellState({ auction: ended }), hostNow });
    const sold = (await late.client.waitFor((m) => m.type === 'sellState' && m.state.auction?.status === 'sold')) as { state: typeof state };
    expect(sold.state.auction!.endedAt! - Date.now()).toBeGreaterThan(-3_000);
    expect(sold.state.auction!.endedAt! - Date.now()).toBeLessThanOrEqual(0);
    // The show ends and starts again: nothing is for sale until the studio says so.
    await studio.requests.request({ type: 'leave' });
    await host(show, true);
    const newcomer = await viewer(show, { name: 'Dora' });
    expect(newcomer.room.sell).toEqual(EMPTY_SELL_STATE);
  });

  it('sends a notice to that viewer’s connections alone', async () => {
    const show = newShow();
    const studio = await host(show, true);
    const tab1 = await viewer(show, { name: 'Anna', viewerKey: 'anna-key-111111111111' });
    const tab2 = await viewer(show, { viewerKey: 'anna-key-111111111111' });
    const ben = await viewer(show, { name: 'Ben' });
    expect(await studio.requests.request({ type: 'sellNotice', viewerId: tab1.viewerId, notice: winNotice })).toEqual({ delivered: 2 });
    for (const tab of [tab1, tab2]) expect(await tab.client.waitForPush('sellNotice')).toEqual({ type: 'sellNotice', notice: winNotice });
    await ben.client.requests.request({ type: 'chatSetName', name: 'Ben' }); // a round trip
    expect(ben.client.pushes('sellNotice')).toEqual([]);
    expect(await studio.requests.request({ type: 'sellNotice', viewerId: 'v_gone', notice: winNotice })).toEqual({ delivered: 0 });
  });

  it('takes the state and the notices from the studio’s own link alone', async () => {
    const show = newShow();
    const studio = await host(show, true);
    const { token } = await studio.requests.request({ type: 'mintPublishToken', ttlSeconds: 600, publisherId: 'producer-page' });
    const anna = await viewer(show);
    const page = await connect();
    await page.requests.request({ type: 'join', show, role: 'host', hostToken: token });
    const plainHost = await host(show, false);
    for (const plain of [page, plainHost]) {
      expect(await refusal(plain.requests.request({ type: 'sellState', state: sellState({ practice: true }) }))).toMatch(/^forbidden: Only the studio’s own link/);
      expect(await refusal(plain.requests.request({ type: 'sellNotice', viewerId: anna.viewerId, notice: winNotice }))).toMatch(/^forbidden/);
    }
    expect(await refusal(anna.client.requests.request({ type: 'sellState', state: sellState({}) }))).toMatch(/^forbidden/);
    expect(await refusal(studio.requests.request(bid('11')))).toMatch(/^forbidden/);
  });

  it('remembers when a viewer first joined the show, across reconnects with the same key, and tells the studio with chat too', async () => {
    const show = newShow();
    const studio = await host(show, true);
    await studio.requests.request({ type: 'sellState', state: sellState({ giveaway: sampleGiveaway() }) });
    const first = await viewer(show, { name: 'Anna', viewerKey: 'anna-key-222222222222' });
    await first.client.requests.request({ type: 'sellAction', action: { kind: 'enterGiveaway', giveawayId: 3 } });
    const since = (await studio.waitForPush('sellIncoming')).action.watchingSince!;
    expect(since).toBeGreaterThan(0);
    first.client.close();
    await first.client.closed;
    await new Promise((r) => setTimeout(r, 20)); // the clock moves on: a fresh stamp would differ
    const back = await viewer(show, { name: 'Anna', viewerKey: 'anna-key-222222222222' });
    expect(back.viewerId).toBe(first.viewerId);
    await back.client.requests.request({ type: 'sellAction', action: { kind: 'enterGiveaway', giveawayId: 3 } });
    await studio.waitFor(() => studio.pushes('sellIncoming').length === 2);
    expect(studio.pushes('sellIncoming')[1]!.action.watchingSince).toBe(since);
    // A giveaway entered by keyword: the chat message carries it.
    void back.client.requests.request({ type: 'chatSend', text: 'ENTER' }).catch(() => undefined);
    expect((await studio.waitForPush('chatIncoming')).message.watchingSince).toBe(since);
    // Another viewer has their own.
    const ben = await viewer(show, { name: 'Ben', viewerKey: 'ben-key-2222222222222' });
    await ben.client.requests.request({ type: 'sellAction', action: { kind: 'enterGiveaway', giveawayId: 3 } });
    await studio.waitFor(() => studio.pushes('sellIncoming').length === 3);
    expect(studio.pushes('sellIncoming')[2]!.action.watchingSince).toBeGreaterThan(since);
  });
});

describe('selling rate limits', () => {
  const { host, viewer } = harness({ sellAddressRateLimit: { burst: 14, perSecond: 0.001 }, viewerMessageRateLimit: { burst: 100, perSecond: 100 } });

  it('holds one connection to its own bidding rate, apart from chat, and one address to its budget', async () => {
    const show = newShow();
    const studio = await host(show, true);
    await studio.requests.request({ type: 'sellState', state: sellState({ auction: sampleAuction(Date.now()) }) });
    const anna = await viewer(show);
    const answers = await Promise.all(Array.from({ length: 12 }, () => anna.client.requests.request(bid('11')).then(() => 'ok', (e: SignalRequestError) => e.code)));
    // SELL_ACTION_RATE_LIMIT: a burst of 10, then refused.
    expect(answers.filter((a) => a === 'ok')).toHaveLength(10);
    expect(answers.filter((a) => a === 'rate-limited').length).toBeGreaterThanOrEqual(1);
    // Chat has its own budget: still open to this viewer.
    void anna.client.requests.request({ type: 'chatSend', text: 'so close!' }).catch(() => undefined);
    expect((await studio.waitForPush('chatIncoming')).message.text).toBe('so close!');
    // Another connection of the same address has its own bucket but shares the address budget (14, 10 already spent by Anna).
    const ben = await viewer(show, { name: 'Ben' });
    const more = await Promise.all(Array.from({ length: 6 }, () => ben.client.requests.request(bid('12')).then(() => 'ok', (e: SignalRequestError) => e.message)));
    expect(more.filter((a) => a === 'ok').length).toBeLessThanOrEqual(4);
    expect(more).toContain('Too many bids from your network right now; wait a moment.');
  });
});

const winNotice: SellNotice = { kind: 'bid', auctionId: 7, outcome: 'won', reason: null, amount: '25.00', text: 'You won the Denim jacket for $25.00!' };
