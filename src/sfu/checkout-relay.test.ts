import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyCheckout, MyClaim } from '../shared/sfu/protocol-claims.js';
import { MY_CHECKOUTS_MAX } from '../shared/sfu/protocol-claims.js';
import { startSfuServer, type SfuServer } from './sfu-server.js';
import { TestSignalClient } from '../../tests/harness/signal-client.js';

/**
 * Checkout links (issue 19) through a real SFU with a mediasoup worker: they
 * ride in the studio's private `viewerClaims` and reach that buyer's
 * connections alone as `myClaims.checkouts`; a link that is not https, or
 * more sends than the protocol allows, is refused and reaches nobody.
 */

const HOST_TOKEN = 'checkout-relay-secret';
let shows = 0;
const newShow = () => `checkout-${++shows}`;

const claim: MyClaim = {
  id: 1,
  product: 'Linen Shirt',
  variant: 'M',
  price: '35.00',
  currency: 'USD',
  status: 'confirmed',
  waitlistPlace: null,
  bySeller: null,
  claimedAt: 1_700_000_000_000,
};
const cart: MyCheckout = {
  sentAt: 1_700_000_100_000,
  items: 2,
  links: [{ url: 'https://shop.example/cart/111:1,222:1?utm_source=live-seller-studio', label: 'Your cart: 2 items' }],
};

describe('checkout links relay', () => {
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
  const studioLink = async (show: string) => {
    const client = await connect();
    await client.requests.request({ type: 'join', show, role: 'host', hostToken: HOST_TOKEN, confirmsChat: true });
    return client;
  };
  const viewer = async (show: string, viewerKey: string) => {
    const client = await connect();
    const reply = await client.requests.request({ type: 'join', show, role: 'viewer', name: 'Anna', viewerKey });
    return { client, viewerId: reply.chat!.viewerId };
  };

  it('takes a buyer’s checkout links to that buyer’s connections only', async () => {
    const show = newShow();
    const studio = await studioLink(show);
    const tab1 = await viewer(show, 'anna-key-555555555555');
    const tab2 = await viewer(show, 'anna-key-555555555555');
    const ben = await viewer(show, 'ben-key-5555555555555');
    const reply = await studio.requests.request({ type: 'viewerClaims', viewerId: tab1.viewerId, claims: [claim], contact: null, checkouts: [cart] });
    expect(reply).toEqual({ delivered: 2 });
    for (const tab of [tab1, tab2]) {
      expect(await tab.client.waitForPush('myClaims')).toEqual({ type: 'myClaims', claims: [claim], contact: null, checkouts: [cart] });
    }
    await ben.client.requests.request({ type: 'chatSetName', name: 'Ben' }); // a round trip: anything pushed before it has arrived
    expect(JSON.stringify(ben.client.received)).not.toContain('shop.example');
    // A list without links is what it was before: no checkouts field.
    await studio.requests.request({ type: 'viewerClaims', viewerId: ben.viewerId, claims: [claim], contact: null, checkouts: [] });
    expect(await ben.client.waitForPush('myClaims')).toEqual({ type: 'myClaims', claims: [claim], contact: null });
  });

  it('refuses a link that is not https, and more sends than a frame may carry; the studio’s link stays', async () => {
    const show = newShow();
    const studio = await studioLink(show);
    const anna = await viewer(show, 'anna-key-666666666666');
    for (const url of ['http://shop.example/cart/1:1', 'javascript:alert(1)', 'https://user:pw@shop.example/cart/1:1']) {
      const checkouts = [{ ...cart, links: [{ url, label: 'Your cart' }] }];
      await expect(studio.requests.request({ type: 'viewerClaims', viewerId: anna.viewerId, claims: [], contact: null, checkouts })).rejects.toMatchObject({
        code: 'invalid-message',
      });
    }
    const tooMany = Array.from({ length: MY_CHECKOUTS_MAX + 1 }, () => cart);
    await expect(studio.requests.request({ type: 'viewerClaims', viewerId: anna.viewerId, claims: [], contact: null, checkouts: tooMany })).rejects.toMatchObject({
      code: 'invalid-message',
    });
    expect(await studio.requests.request({ type: 'viewerClaims', viewerId: anna.viewerId, claims: [claim], contact: null, checkouts: [cart] })).toEqual({ delivered: 1 });
    expect(await anna.client.waitForPush('myClaims')).toMatchObject({ checkouts: [cart] });
    expect(anna.client.pushes('myClaims')).toHaveLength(1);
  });
});
