/**
 * The overlay writer without OBS: which requests it sends for a pin, an
 * unpin and a product image (downloaded once into the cache, since OBS's
 * image source reads local files only). The real-OBS test covers the rest.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OBS_OVERLAY_INPUTS } from '../../shared/domain/obs.js';
import { productCardSchema } from '../../shared/sfu/product-card.js';
import { overlayAuctionText } from './obs-auction-text.js';
import { ObsOverlaySync, overlayPriceText } from './obs-overlay-sync.js';

function fakeObs() {
  const calls: { type: string; data: Record<string, unknown> }[] = [];
  const obs = {
    call: (type: string, data: Record<string, unknown> = {}) => {
      calls.push({ type, data });
      if (type === 'GetSceneItemId') return Promise.resolve({ sceneItemId: 7 });
      return Promise.resolve({});
    },
  };
  return { obs: obs as never, calls };
}

const card = (fields: Record<string, unknown>) =>
  productCardSchema.parse({ productId: '1', title: 'Linen Shirt', price: '49.50', currency: 'EUR', ...fields });

describe('ObsOverlaySync', () => {
  it('writes title and price, downloads the image once and shows it', async () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-obs-cache-'));
    let downloads = 0;
    const sync = new ObsOverlaySync({ imageCacheDir: cache, platform: 'linux', downloadImage: () => (downloads++, Promise.resolve(Buffer.from('png'))) });
    const { obs, calls } = fakeObs();
    const shirt = card({ variantTitle: 'M / White', imageUrl: 'https://cdn.example.com/shirt.png?v=2' });
    await sync.show(obs, 'Main', shirt);
    await sync.show(obs, 'Main', shirt);
    expect(downloads).toBe(1);
    const settings = calls.filter((c) => c.type === 'SetInputSettings').map((c) => c.data);
    expect(settings[0]).toEqual({ inputName: OBS_OVERLAY_INPUTS.title, inputSettings: { text: 'Linen Shirt — M / White' } });
    expect(settings[1]).toEqual({ inputName: OBS_OVERLAY_INPUTS.price, inputSettings: { text: '€49.50' } });
    const file = (settings[2]!.inputSettings as { file: string }).file;
    expect(path.dirname(file)).toBe(cache);
    expect(fs.readFileSync(file, 'utf8')).toBe('png');
    expect(calls.at(-1)).toEqual({ type: 'SetSceneItemEnabled', data: { sceneName: 'Main', sceneItemId: 7, sceneItemEnabled: true } });
    fs.rmSync(cache, { recursive: true, force: true });
  });

  it('clears the texts and hides the image on unpin, and hides images it cannot fetch', async () => {
    const sync = new ObsOverlaySync({ imageCacheDir: os.tmpdir(), downloadImage: () => Promise.reject(new Error('offline')), log: () => undefined });
    const { obs, calls } = fakeObs();
    await sync.show(obs, 'Main', null);
    expect(calls.filter((c) => c.type === 'SetInputSettings').map((c) => (c.data.inputSettings as { text: string }).text)).toEqual(['', '']);
    expect(calls.at(-1)!.data.sceneItemEnabled).toBe(false);
    calls.length = 0;
    await sync.show(obs, 'Main', card({ imageUrl: 'https://cdn.example.com/missing.jpg' }));
    expect(calls.at(-1)!.data.sceneItemEnabled).toBe(false);
    // Plain http is never fetched (OBS would show whatever a network attacker sends).
    calls.length = 0;
    await sync.show(obs, 'Main', card({ imageUrl: 'http://cdn.example.com/x.jpg' }));
    expect(calls.at(-1)!.data.sceneItemEnabled).toBe(false);
  });

  it('shows a flash deal in the price text: sale price, the regular one, time left; then "Deal ended"', async () => {
    const now = 1_800_000_000_000;
    const onDeal = card({ price: '49.50', deal: { price: '35', startedAt: now - 5000, endsAt: now + 83_000 } });
    expect(overlayPriceText(onDeal, now)).toBe('€35.00 (was €49.50) · ends in 1:23');
    expect(overlayPriceText(onDeal, now + 82_001)).toBe('€35.00 (was €49.50) · ends in 0:01');
    expect(overlayPriceText(onDeal, now + 83_000)).toBe('€49.50 · Deal ended');
    expect(overlayPriceText(card({}), now)).toBe('€49.50');
    expect(overlayPriceText(null, now)).toBe('');
    // A tick rewrites the price text only.
    const sync = new ObsOverlaySync({ imageCacheDir: os.tmpdir() });
    const { obs, calls } = fakeObs();
    await sync.showPrice(obs, onDeal, now + 1000);
    expect(calls).toEqual([
      { type: 'SetInputSettings', data: { inputName: OBS_OVERLAY_INPUTS.price, inputSettings: { text: '€35.00 (was €49.50) · ends in 1:22' } } },
    ]);
  });

  it('words the auction text: running, sold, not sold, and nothing for a cancelled one', async () => {
    const now = 1_800_000_000_000;
    const auction = { id: 1, status: 'running' as const, endsAt: now + 65_000, price: null, startPrice: '10', currency: 'EUR', leader: null, winner: null, bids: 0, reserveMet: null };
    expect(overlayAuctionText(auction, now)).toBe('AUCTION €10.00 · no bids yet · 1:05');
    const ana = { viewerId: 'v1', name: 'Ana' };
    expect(overlayAuctionText({ ...auction, price: '42', leader: ana, bids: 3 }, now + 64_001)).toBe('AUCTION €42.00 · Ana leads · 0:01');
    expect(overlayAuctionText({ ...auction, price: '42', leader: ana, bids: 3 }, now + 70_000)).toBe('AUCTION €42.00 · Ana leads · 0:00');
    expect(overlayAuctionText({ ...auction, status: 'sold', price: '42', winner: ana, bids: 3 }, now)).toBe('SOLD to Ana — €42.00');
    expect(overlayAuctionText({ ...auction, status: 'unsold', price: '30', bids: 2, reserveMet: false }, now)).toBe('NOT SOLD — reserve not met');
    expect(overlayAuctionText({ ...auction, status: 'unsold' }, now)).toBe('NOT SOLD — no bids');
    expect(overlayAuctionText({ ...auction, status: 'cancelled' }, now)).toBe('');
    expect(overlayAuctionText(null, now)).toBe('');
    const sync = new ObsOverlaySync({ imageCacheDir: os.tmpdir() });
    const { obs, calls } = fakeObs();
    await sync.showAuction(obs, 'SOLD to Ana — €42.00');
    expect(calls).toEqual([{ type: 'SetInputSettings', data: { inputName: OBS_OVERLAY_INPUTS.auction, inputSettings: { text: 'SOLD to Ana — €42.00' } } }]);
  });
});
