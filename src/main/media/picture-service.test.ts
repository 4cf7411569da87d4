import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidPng, startPictureServer, type PictureServer } from '../../../tests/harness/https-pictures.js';
import { importedProduct } from '../../../tests/harness/imported-products.js';
import { CatalogStore } from '../catalog/catalog-store.js';
import { openDatabase, type StudioDatabase } from '../db/open-database.js';
import { StudioEventBus } from '../events/event-bus.js';
import { buildProductCard } from '../pin/product-card-builder.js';
import { fetchImage, type ImageFetchOptions } from './image-fetcher.js';
import { MediaFiles } from './media-files.js';
import { PictureService } from './picture-service.js';
import { PictureStore } from './picture-store.js';
import { isPublicAddress } from './public-address.js';

/**
 * The background fetch against a real SQLite file, a real media folder and
 * a real https server (self-signed; named "localhost" and let through by the
 * test's address rule, every other address meets the real policy).
 */

let server: PictureServer;
const routes: Record<string, { body: Buffer; type: string }> = {};
const png = solidPng(6, 6, [240, 180, 20]);
let db: StudioDatabase;
let catalog: CatalogStore;
let files: MediaFiles;
let store: PictureStore;
let service: PictureService;
const fetched: string[] = [];
const pushes: unknown[] = [];
let dir: string;

beforeAll(async () => {
  routes['/mug.png'] = { body: png, type: 'image/png' };
  server = await startPictureServer(routes);
  const port = new URL(server.origin).port;
  const trusted: ImageFetchOptions = {
    ca: server.certificate,
    resolve: (host) => Promise.resolve(host === 'localhost' ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.9.8.7', family: 4 }]),
    allowAddress: (a) => a === '127.0.0.1' || isPublicAddress(a),
  };
  // One folder for the whole file (the tests follow one catalog through its pictures' life).
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-pictures-'));
  db = openDatabase(path.join(dir, 'studio.sqlite'));
  catalog = new CatalogStore(db);
  const url = (p: string) => `https://localhost:${port}${p}`;
  catalog.applyImport(
    [
      importedProduct({ title: 'Mug', images: [{ url: url('/mug.png'), alt: '' }] }),
      importedProduct({ title: 'Mug twin', variants: [{ imageUrl: url('/mug.png') }] }),
      importedProduct({ title: 'Lamp', images: [{ url: url('/lamp.png'), alt: '' }] }),
      importedProduct({ title: 'Router', images: [{ url: 'https://intranet.test/admin.png', alt: '' }] }),
      importedProduct({ title: 'Plain' }),
    ],
    'shopify',
    { dryRun: false },
  );
  files = new MediaFiles(path.join(dir, 'media'));
  store = new PictureStore(db);
  const events = new StudioEventBus();
  events.subscribe((channel, payload) => channel === 'studio:event:pictures-changed' && pushes.push(payload));
  service = new PictureService({
    store,
    files,
    events,
    fetch: (u) => {
      fetched.push(new URL(u).pathname + (new URL(u).hostname === 'localhost' ? '' : `@${new URL(u).hostname}`));
      return fetchImage(u, trusted);
    },
  });
});
afterAll(async () => {
  service.close();
  db.close();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const productId = (title: string) => catalog.search({ query: '', offset: 0, limit: 50 }).rows.find((r) => r.title === title)!.productId;

describe('PictureService', () => {
  it('fetches each address once into the media folder and reports each failed product with its reason', async () => {
    service.catalogChanged();
    await service.idle();
    expect(fetched.sort()).toEqual(['/admin.png@intranet.test', '/lamp.png', '/mug.png']);
    expect(fs.readdirSync(files.dir)).toHaveLength(1);
    expect(service.state().progress).toEqual({ total: 3, ready: 1, failed: 2, waiting: 0 });
    expect(service.state().failures.map((f) => [f.title, f.reason])).toEqual([
      ['Lamp', 'the website answered HTTP 404'],
      ['Router', 'the address leads to a private or local network (10.9.8.7); only public websites are allowed'],
    ]);
    expect(pushes.length).toBeGreaterThan(0);
  });

  it('names the kept picture on the card of every product that uses it, and fetches nothing again', async () => {
    const lookup = { productPicture: (id: number) => store.productPicture(id), mediaForUrl: (u: string) => store.mediaForUrl(u) };
    const [kept] = fs.readdirSync(files.dir);
    expect(buildProductCard(catalog.getProduct(productId('Mug')), null, undefined, lookup).imageId).toBe(kept);
    expect(buildProductCard(catalog.getProduct(productId('Mug twin')), null, undefined, lookup).imageId).toBe(kept);
    expect(buildProductCard(catalog.getProduct(productId('Lamp')), null, undefined, lookup).imageId).toBeUndefined();
    expect(kept).toMatch(/^[0-9a-f]{64}\.png$/);
    expect(fs.readFileSync(files.pathOf(kept!))).toEqual(png);
    const before = fetched.length;
    service.catalogChanged();
    await service.idle();
    expect(fetched.length).toBe(before);
  });

  it('retries one product, then every failed one', async () => {
    routes['/lamp.png'] = { body: solidPng(4, 4, [10, 200, 90]), type: 'image/png' };
    fetched.length = 0;
    service.retry(productId('Lamp'));
    await service.idle();
    expect(fetched).toEqual(['/lamp.png']);
    expect(service.state().failures.map((f) => f.title)).toEqual(['Router']);
    service.retry(null);
    await service.idle();
    expect(fetched).toEqual(['/lamp.png', '/admin.png@intranet.test']);
    expect(service.state().progress).toEqual({ total: 3, ready: 2, failed: 1, waiting: 0 });
  });

  it("takes the host's own picture for a product (checked by its bytes) and puts it on the card", async () => {
    const router = productId('Router');
    await expect(service.attach(router, Buffer.from('<svg onload="alert(1)"/>'))).rejects.toThrow(/not a JPEG, PNG, WebP or GIF/);
    const own = solidPng(3, 3, [1, 2, 3]);
    const id = await service.attach(router, own);
    expect(fs.readFileSync(files.pathOf(id))).toEqual(own);
    expect(service.state().failures).toEqual([]);
    const lookup = { productPicture: (p: number) => store.productPicture(p), mediaForUrl: (u: string) => store.mediaForUrl(u) };
    expect(buildProductCard(catalog.getProduct(router), null, undefined, lookup).imageId).toBe(id);
  });
});
