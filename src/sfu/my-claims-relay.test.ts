import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyClaim } from '../shared/sfu/protocol-claims.js';
import { SignalRequestError } from '../shared/sfu/signal-requests.js';
import { startSfuServer, type SfuServer } from './sfu-server.js';
import { TestSignalClient } from '../../tests/harness/signal-client.js';

/**
 * "My claims" and the buyer's contact through a real SFU: the SFU relays
 * privately and keeps nothing. A returning viewer is announced to the
 * studio's link (which answers with their claims); a viewer's contact goes
 * to the studio's link alone; a viewer's claims go to that viewer's
 * connections alone.
 */

const HOST_TOKEN = 'my-claims-secret';
let shows = 0;
const newShow = () => `claims-${++shows}`;

const claim: MyClaim = {
  id: 1,
  product: 'Linen Shirt',
  variant: 'M',
  price: '35.00',
  currency: 'USD',
  status: 'waitlisted',
  waitlistPlace: 2,
  bySeller: null,
  claimedAt: 1_700_000_000_000,
};

describe('my claims relay', () => {
  let sfu: SfuServer;
  const clients: TestSignalClient[] = [];
  beforeAll(async () => {
    sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', defaultHostToken: HOST_TOKEN, maxConnectionsPerAddress: 200 });
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
  const viewer = async (show: string, viewerKey?: string) => {
    const client = await connect();
    const reply = await client.requests.request({ type: 'join', show, role: 'viewer', name: 'Anna', ...(viewerKey ? { viewerKey } : {}) });
    return { client, viewerId: reply.chat!.viewerId };
  };

  it('announces a viewer with a key to the studio’s link only, on every (re)join', async () => {
    const show = newShow();
    const studio = await host(show, true);
    const publisher = await host(show, false);
    const first = await viewer(show, 'anna-key-000000000000');
    expect(await studio.waitForPush('viewerJoined')).toEqual({ type: 'viewerJoined', viewerId: first.viewerId });
    first.client.close();
    const again = await viewer(show, 'anna-key-000000000000');
    expect(again.viewerId).toBe(first.viewerId);
    await until(() => studio.pushes('viewerJoined').length === 2);
    // Without a key there is nothing to come back to: not announced.
    await viewer(show);
    await studio.requests.request({ type: 'chatReserveNames', names: [] }); // a round trip: anything pushed before it has arrived
    expect(studio.pushes('viewerJoined')).toHaveLength(2);
    expect(publisher.pushes('viewerJoined')).toEqual([]);
  });

  it('sends a viewer’s claims to that viewer’s connections only', async () => {
    const show = newShow();
    const studio = await host(show, true);
    const tab1 = await viewer(show, 'anna-key-111111111111');
    const tab2 = await viewer(show, 'anna-key-111111111111');
    const other = await viewer(show, 'ben-key-1111111111111');
    const reply = await studio.requests.request({ type: 'viewerClaims', viewerId: tab1.viewerId, claims: [claim], contact: 'anna@example.com' });
    expect(reply).toEqual({ delivered: 2 });
    for (const tab of [tab1, tab2]) expect(await tab.client.waitForPush('myClaims')).toEqual({ type: 'myClaims', claims: [claim], contact: 'anna@example.com' });
    await other.client.requests.request({ type: 'chatSetName', name: 'Ben' }); // a round trip
    expect(other.client.pushes('myClaims')).toEqual([]);
    // A viewer may not send anyone's claims.
    await expect(other.client.requests.request({ type: 'viewerClaims', viewerId: tab1.viewerId, claims: [], contact: null })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('takes a viewer’s contact to the studio’s link alone, never to other viewers', async () => {
    const show = newShow();
    const studio = await host(show, true);
    const publisher = await host(show, false);
    const anna = await viewer(show, 'anna-key-222222222222');
    const ben = await viewer(show, 'ben-key-2222222222222');
    expect(await anna.client.requests.request({ type: 'claimContact', contact: 'anna@example.com' })).toEqual({ forwarded: true });
    expect(await studio.waitForPush('contactIncoming')).toEqual({ type: 'contactIncoming', viewerId: anna.viewerId, contact: 'anna@example.com' });
    await ben.client.requests.request({ type: 'chatSetName', name: 'Ben' });
    await publisher.requests.request({ type: 'chatReserveNames', names: [] });
    expect(JSON.stringify([...ben.client.received, ...publisher.received])).not.toContain('anna@example.com');
    // A host connection has no contact to give.
    await expect(studio.requests.request({ type: 'claimContact', contact: 'x@example.com' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('takes buyers’ lists from the studio’s own link alone: a publishing page may neither send them nor receive contacts', async () => {
    const show = newShow();
    const studio = await host(show, true);
    const { token } = await studio.requests.request({ type: 'mintPublishToken', ttlSeconds: 600, publisherId: 'producer-page' });
    const anna = await viewer(show, 'anna-key-444444444444');
    // A publishing page may not become a studio link…
    const page = await connect();
    await expect(page.requests.request({ type: 'join', show, role: 'host', hostToken: token, confirmsChat: true })).rejects.toMatchObject({ code: 'forbidden' });
    // …joins as a plain host, and may not push a list or a contact line to anyone.
    await page.requests.request({ type: 'join', show, role: 'host', hostToken: token });
    await expect(page.requests.request({ type: 'viewerClaims', viewerId: anna.viewerId, claims: [claim], contact: 'fake@example.com' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    // Nor may a host that did not join as the studio's link (its token is the long-lived one).
    const plain = await host(show, false);
    await expect(plain.requests.request({ type: 'viewerClaims', viewerId: anna.viewerId, claims: [claim], contact: null })).rejects.toMatchObject({ code: 'forbidden' });
    await anna.client.requests.request({ type: 'claimContact', contact: 'anna@example.com' });
    expect(await studio.waitForPush('contactIncoming')).toMatchObject({ contact: 'anna@example.com' });
    await page.requests.request({ type: 'chatReserveNames', names: [] }); // a round trip
    expect(page.pushes('contactIncoming')).toEqual([]);
    expect(anna.client.pushes('myClaims')).toEqual([]);
  });

  it('says so when no studio is there to keep the contact', async () => {
    const show = newShow();
    await host(show, false);
    const anna = await viewer(show, 'anna-key-333333333333');
    const refusal = await anna.client.requests.request({ type: 'claimContact', contact: 'anna@example.com' }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(SignalRequestError);
    expect(refusal).toMatchObject({ code: 'unavailable', message: 'The seller is not connected right now. Try again in a moment.' });
  });
});

describe('a rejoining studio re-sending every buyer’s list', () => {
  let sfu: SfuServer;
  let studio: TestSignalClient | null = null;
  beforeAll(async () => {
    // Small budgets keep the test quick; the rules are the same as at 2000/500.
    sfu = await startSfuServer({
      port: 0,
      workers: 1,
      logLevel: 'silent',
      defaultHostToken: HOST_TOKEN,
      hostChatRateLimit: { burst: 60, perSecond: 1 },
      hostClaimsRateLimit: { burst: 60, perSecond: 1 },
    });
  });
  afterAll(async () => {
    studio?.close();
    await sfu.close();
  });

  it('is refused past its own budget but never drops the studio’s link, and chat keeps its whole budget', async () => {
    const show = newShow();
    studio = await TestSignalClient.connect(sfu);
    await studio.requests.request({ type: 'join', show, role: 'host', hostToken: HOST_TOKEN, confirmsChat: true });
    let closed = false;
    void studio.closed.then(() => (closed = true));
    // Far more lists at once than the budget: 140 refused, more than the 50 refusals that close a connection.
    const lists = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => studio!.requests.request({ type: 'viewerClaims', viewerId: `buyer-${i}`, claims: [claim], contact: null })),
    );
    const refused = lists.filter((r) => r.status === 'rejected');
    expect(refused.length).toBeGreaterThanOrEqual(130);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'rate-limited' });
    // Still joined, and chat was not charged for the lists: 50 publishes all go through.
    const publishes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        studio!.requests.request({ type: 'chatPublish', message: { id: `m-${i}`, viewerId: null, name: 'Host', role: 'host', text: `hello ${i}`, ts: 1 } }),
      ),
    );
    expect(publishes).toHaveLength(50);
    expect(closed).toBe(false);
  });
});

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
