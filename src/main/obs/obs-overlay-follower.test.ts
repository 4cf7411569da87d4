/**
 * The overlay follower on its own against a real OBS 29 started headless:
 * no ObsConnection, the test attaches and withdraws a plain obs-websocket
 * session itself. Pending until attached, catching up on attach, a flash
 * deal's countdown rewriting only the price, an explicit failed state with
 * its message, retried until OBS can. Skipped only when OBS is not installed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OBSWebSocket } from 'obs-websocket-js/json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/api/result.js';
import { OBS_OVERLAY_INPUTS } from '../../shared/domain/obs.js';
import { productCardSchema } from '../../shared/sfu/product-card.js';
import { connectVerifier, inputText, obsMissingReason, startHeadlessObs, waitFor, type HeadlessObs } from '../../../tests/harness/headless-obs.js';
import { openSession, type ObsSession } from './obs-session.js';
import { ObsOverlayFollower } from './obs-overlay-follower.js';
import { ObsOverlaySync } from './obs-overlay-sync.js';

const missing = obsMissingReason();
if (missing) console.warn(missing);

const card = (fields: Record<string, unknown>) => productCardSchema.parse({ productId: '1', title: 'Linen Shirt', price: '49.50', currency: 'USD', ...fields });

describe.skipIf(missing !== null)('ObsOverlayFollower against a real headless OBS', () => {
  let obs: HeadlessObs;
  /** The follower's session: a plain client's, with the request types it sent. */
  let client: OBSWebSocket;
  let live: ReturnType<typeof openSession>;
  const sent: string[] = [];
  /** While set, writes get no answer until the test gives one (as when OBS dies under a request). */
  let held: ((error: Error) => void)[] | null = null;
  const session: Pick<ObsSession, 'call'> = {
    call: ((type, data) => {
      sent.push(type);
      if (held) return new Promise((_, reject) => held!.push(reject));
      return live.session.call(type, data);
    }) as OBSWebSocket['call'],
  };
  let verifier: OBSWebSocket;
  let follower: ObsOverlayFollower;
  let cacheDir: string;
  const saved = { overlayScene: 'Scene A' as string | null };
  let deliveryChanges = 0;
  const delivery = () => follower.status().delivery;
  const text = (name: string) => inputText(verifier, name);
  const waitForDelivery = (state: string) => waitFor(() => delivery().state === state, `overlay ${state}`);

  beforeAll(async () => {
    obs = await startHeadlessObs();
    client = await connectVerifier(obs);
    live = openSession(client);
    verifier = await connectVerifier(obs);
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-obs-follower-'));
    follower = new ObsOverlayFollower({
      settings: { read: () => saved, save: (patch) => Object.assign(saved, patch) },
      overlays: new ObsOverlaySync({ imageCacheDir: cacheDir, log: () => undefined }),
      onChange: () => undefined,
      retryMs: [50, 400],
    });
    follower.onPinDelivery(() => void deliveryChanges++);
  }, 60_000);

  afterAll(async () => {
    await follower?.close();
    await client?.disconnect();
    await verifier?.disconnect();
    await obs?.stop();
    if (cacheDir) fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  it('waits for a session, then makes the sources in the scene and shows the pin', async () => {
    expect(delivery()).toEqual({ state: 'pending' });
    follower.showPin(card({ title: 'Blue Enamel Mug', price: '19.99' }));
    await Promise.resolve();
    expect(sent).toEqual([]);
    expect(follower.pinTargetState()).toBe('pending');

    follower.attach(session);
    await waitForDelivery('delivered');
    expect(await text(OBS_OVERLAY_INPUTS.title)).toBe('Blue Enamel Mug');
    expect(await text(OBS_OVERLAY_INPUTS.price)).toBe('$19.99');
    const items = (await verifier.call('GetSceneItemList', { sceneName: 'Scene A' })).sceneItems.map((i) => i.sourceName);
    expect(items).toEqual(expect.arrayContaining(Object.values(OBS_OVERLAY_INPUTS)));
    await waitFor(() => deliveryChanges > 0, 'onPinDelivery told');
  });

  it('counts a flash deal down in the price text alone, then says it ended', async () => {
    const now = Date.now();
    follower.showPin(card({ title: 'Blue Enamel Mug', price: '19.99', deal: { price: '14.99', startedAt: now, endsAt: now + 2500 } }));
    await waitFor(async () => /^\$14\.99 \(was \$19\.99\) · ends in 0:0[1-3]$/.test(await text(OBS_OVERLAY_INPUTS.price)), 'the deal price');
    // The new card is shown whole (its image last); from then on only the ticks write.
    await waitForDelivery('delivered');
    sent.length = 0;
    await waitFor(async () => (await text(OBS_OVERLAY_INPUTS.price)) === '$19.99 · Deal ended', 'the deal ended', 10_000);
    // Each tick rewrote the price source only: no title, no image, no sources made again.
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent)).toEqual(new Set(['SetInputSettings']));
    expect(await text(OBS_OVERLAY_INPUTS.title)).toBe('Blue Enamel Mug');
    await waitForDelivery('delivered');
  });

  it('shows an auction in its own text: price, leader and a countdown each second, then the result', async () => {
    const now = Date.now();
    const auction = { id: 1, status: 'running' as const, endsAt: now + 2500, price: null, startPrice: '10', currency: 'USD', leader: null, winner: null, bids: 0, reserveMet: null };
    follower.showAuction(auction);
    await waitFor(async () => /^AUCTION \$10\.00 · no bids yet · 0:0[1-3]$/.test(await text(OBS_OVERLAY_INPUTS.auction)), 'the auction running');
    await waitForDelivery('delivered');
    sent.length = 0;
    const ana = { viewerId: 'v1', name: 'Ana' };
    follower.showAuction({ ...auction, price: '12', leader: ana, bids: 1 });
    await waitFor(async () => /^AUCTION \$12\.00 · Ana leads · 0:0[0-2]$/.test(await text(OBS_OVERLAY_INPUTS.auction)), 'the bid');
    // The countdown moves by itself, once a second, to zero.
    await waitFor(async () => (await text(OBS_OVERLAY_INPUTS.auction)) === 'AUCTION $12.00 · Ana leads · 0:00', 'the countdown at zero', 10_000);
    // Only the auction's text was written: the product's sources stay as they were.
    expect(new Set(sent)).toEqual(new Set(['SetInputSettings']));
    expect(await text(OBS_OVERLAY_INPUTS.title)).toBe('Blue Enamel Mug');
    follower.showAuction({ ...auction, status: 'sold', price: '12', leader: ana, winner: ana, bids: 1 });
    await waitFor(async () => (await text(OBS_OVERLAY_INPUTS.auction)) === 'SOLD to Ana — $12.00', 'the result');
    follower.showAuction(null);
    await waitFor(async () => (await text(OBS_OVERLAY_INPUTS.auction)) === '', 'the auction text cleared');
    await waitForDelivery('delivered');
  });

  it('withdrawn, it is pending; a pin made meanwhile is shown on attach, the lost sources made again', async () => {
    follower.attach(null);
    expect(delivery()).toEqual({ state: 'pending' });
    follower.showPin(card({ title: 'Brass Desk Lamp', price: '120.00' }));
    // OBS restarted without the sources: they are made again.
    for (const inputName of Object.values(OBS_OVERLAY_INPUTS)) await verifier.call('RemoveInput', { inputName });
    // OBS destroys a removed source a moment later; until then it still lists it.
    const listed = async () => (await verifier.call('GetInputList')).inputs.map((i) => i.inputName as string);
    await waitFor(async () => !(await listed()).some((name) => name.startsWith('LSS ')), 'the sources gone from OBS');
    follower.attach(session);
    await waitForDelivery('delivered');
    expect(await text(OBS_OVERLAY_INPUTS.title)).toBe('Brass Desk Lamp');
    expect(await text(OBS_OVERLAY_INPUTS.price)).toBe('$120.00');
  });

  it('a write cut off by OBS going away is not a failure; the pin catches up on the next session', async () => {
    held = [];
    follower.showPin(card({ title: 'Wool Scarf', price: '35.00' }));
    await waitFor(() => held!.length > 0, 'a write in flight');
    const cutOff = held;
    held = null;
    follower.attach(null);
    // What a session answers when its socket closes under a request.
    for (const reject of cutOff) reject(new Error('Not connected'));
    await Promise.resolve();
    expect(delivery()).toEqual({ state: 'pending' });
    follower.attach(session);
    await waitForDelivery('delivered');
    expect(await text(OBS_OVERLAY_INPUTS.title)).toBe('Wool Scarf');
  });

  it('a scene OBS does not have is failed with its host message, retried, and delivered once it exists', async () => {
    const error = await follower.setScene('Overlay Scene').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    const { message } = error as StudioError;
    expect(message).toMatch(/^Could not update the OBS overlay in "Overlay Scene": OBS said: /);
    // The state is a field, and the failure carries the message the host was shown.
    expect(delivery()).toEqual({ state: 'failed', message });
    expect(follower.pinTargetState()).toBe('failed');
    expect(saved.overlayScene).toBe('Overlay Scene');

    await verifier.call('CreateScene', { sceneName: 'Overlay Scene' });
    await waitForDelivery('delivered');
    expect(delivery()).toEqual({ state: 'delivered' });
    const items = (await verifier.call('GetSceneItemList', { sceneName: 'Overlay Scene' })).sceneItems.map((i) => i.sourceName);
    expect(items).toEqual(expect.arrayContaining(Object.values(OBS_OVERLAY_INPUTS)));
  });

  it('unpin clears the texts and hides the image; no scene is off', async () => {
    follower.showPin(null);
    await waitForDelivery('delivered');
    expect(await text(OBS_OVERLAY_INPUTS.title)).toBe('');
    expect(await text(OBS_OVERLAY_INPUTS.price)).toBe('');
    const { sceneItemId } = await verifier.call('GetSceneItemId', { sceneName: 'Overlay Scene', sourceName: OBS_OVERLAY_INPUTS.image });
    expect((await verifier.call('GetSceneItemEnabled', { sceneName: 'Overlay Scene', sceneItemId })).sceneItemEnabled).toBe(false);

    await follower.setScene(null);
    expect(delivery()).toEqual({ state: 'off' });
    expect(saved.overlayScene).toBeNull();
  });
});
