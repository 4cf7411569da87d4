import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { StudioEventBus } from '../events/event-bus.js';
import { openDatabase } from '../db/open-database.js';
import { RundownService } from '../rundown/rundown-service.js';
import { RundownStore } from '../rundown/rundown-store.js';
import { CatalogStore } from '../catalog/catalog-store.js';
import { seedDemoStudio } from './demo-studio.js';
import { MediaFiles } from '../media/media-files.js';
import { PictureService } from '../media/picture-service.js';
import { PictureStore } from '../media/picture-store.js';
import { buildProductCard } from '../pin/product-card-builder.js';

const demoCatalog = path.resolve(import.meta.dirname, '../../../resources/demo/demo-catalog.csv');

function studio(file: string) {
  const db = openDatabase(file);
  return { db, catalog: new CatalogStore(db), rundown: new RundownService(new RundownStore(db), new StudioEventBus()) };
}

describe('seedDemoStudio', () => {
  it('fills a new data folder with the demo catalog and an active demo show, once', async () => {
    const file = path.join(tempDir(), 'studio.sqlite');
    const deps = studio(file);
    expect(await seedDemoStudio(deps, demoCatalog)).toBe(true);
    expect(deps.catalog.stats()).toEqual({ products: 10, variants: 18 });
    const active = deps.rundown.getActiveRundown()!;
    expect(active.show.name).toMatch(/Demo show/);
    expect(active.items.map((i) => i.kind)).toEqual(['segment', 'product', 'product', 'segment', 'product', 'segment']);
    expect(active.items[1]!.product?.title).toBe('Linen Wrap Dress');

    // The host deletes the demo; a restart must not bring it back.
    deps.rundown.deleteShow(active.show.id);
    deps.db.close();
    const again = studio(file);
    expect(await seedDemoStudio(again, demoCatalog)).toBe(false);
    expect(again.rundown.listShows()).toEqual([]);
  });

  it('gives every demo product a picture made by the project, kept in the data folder', async () => {
    const dir = tempDir();
    const deps = studio(path.join(dir, 'studio.sqlite'));
    const events = new StudioEventBus();
    const store = new PictureStore(deps.db);
    const files = new MediaFiles(path.join(dir, 'media'));
    const service = new PictureService({ store, files, events });
    expect(await seedDemoStudio({ ...deps, pictures: { service } }, demoCatalog)).toBe(true);
    const rows = deps.catalog.search({ query: '', offset: 0, limit: 100 }).rows;
    const lookup = { productPicture: (id: number) => store.productPicture(id), mediaForUrl: (u: string) => store.mediaForUrl(u) };
    const ids = new Set(rows.map((r) => buildProductCard(deps.catalog.getProduct(r.productId), null, undefined, lookup).imageId));
    expect(ids.size).toBe(10);
    for (const id of ids) expect(fs.readFileSync(files.pathOf(id!)).subarray(1, 4).toString()).toBe('PNG');
    expect(service.state().failures).toEqual([]);
    service.close();
    deps.db.close();
  });

  it('leaves a data folder that already has products alone', async () => {
    const deps = studio(path.join(tempDir(), 'studio.sqlite'));
    deps.rundown.createShow('My own show', null);
    expect(await seedDemoStudio(deps, demoCatalog)).toBe(false);
    expect(deps.catalog.stats().products).toBe(0);
  });
});
