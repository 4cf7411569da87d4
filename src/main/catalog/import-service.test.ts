import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importedProduct, tshirt } from '../../../tests/harness/imported-products.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { StudioError } from '../../shared/api/result.js';
import type { ImportProgress } from '../../shared/domain/catalog.js';
import type { CallContext } from '../api/dispatcher.js';
import { StudioEventBus } from '../events/event-bus.js';
import { openDatabase } from '../db/open-database.js';
import type { CatalogParser } from './catalog-import.js';
import { CatalogStore } from './catalog-store.js';
import type { ImportedProduct, ParseResult } from './import/types.js';
import { ImportService } from './import-service.js';

const desktop: CallContext = { transport: 'ipc', clientId: 'window' };
const producer: CallContext = { transport: 'control', clientId: 'control-1', role: 'host' };

const parsed = (products: ImportedProduct[], errors: ParseResult['errors'] = []): ParseResult => ({
  format: 'shopify',
  detectedFormat: 'shopify',
  encoding: 'utf-8',
  delimiter: ',',
  headers: ['Handle', 'Title'],
  mapping: null,
  products,
  errors,
});

/** Reports progress in steps; `gate` lets a test hold it mid-file. */
function fakeParser(result: ParseResult | Error, gate?: Promise<void>): CatalogParser {
  return async (_file, options) => {
    for (let rows = 1; rows <= 500; rows++) options?.onProgress?.({ bytesRead: rows * 10, totalBytes: 5_000, rows });
    if (gate) {
      await new Promise<void>((resolve, reject) => {
        void gate.then(resolve);
        options?.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
      });
    }
    if (result instanceof Error) throw result;
    return result;
  };
}

function setup(parse: CatalogParser) {
  const dir = tempDir();
  const db = openDatabase(path.join(dir, 'studio.sqlite'));
  const store = new CatalogStore(db);
  const events = new StudioEventBus();
  const progress: ImportProgress[] = [];
  const other: string[] = [];
  events.subscribe((channel, payload) => {
    if (channel === 'studio:event:import-progress') progress.push(payload as ImportProgress);
    else other.push(channel);
  });
  let refreshed = 0;
  const uploadsDir = path.join(dir, 'uploads');
  const service = new ImportService({
    store,
    events,
    parse,
    uploadsDir,
    progressIntervalMs: 1_000,
    onCatalogChanged: () => refreshed++,
    log: () => {},
  });
  const upload = (content = 'Handle,Title\n') => {
    fs.mkdirSync(uploadsDir, { recursive: true });
    const uploadId = crypto.randomUUID();
    fs.writeFileSync(path.join(uploadsDir, uploadId), content);
    fs.writeFileSync(path.join(uploadsDir, `${uploadId}.json`), JSON.stringify({ originalName: 'products.csv', size: 13 }));
    return { kind: 'upload' as const, uploadId };
  };
  return { db, store, service, progress, other, upload, uploadsDir, refreshed: () => refreshed };
}

describe('ImportService.preview', () => {
  it('shows what the import would do, with the first 20 products and 200 problems, saving nothing', async () => {
    const existing = tshirt();
    const products = [existing, ...Array.from({ length: 30 }, (_, i) => importedProduct({ title: `Item ${i}`, variants: [{ price: `${i + 1}.00` }, { price: '5' }] }))];
    const errors = Array.from({ length: 250 }, (_, i) => ({ line: i + 100, message: `Price "abc" is not a number.` }));
    const { store, service, upload } = setup(fakeParser(parsed(products, errors)));
    store.applyImport([existing], 'shopify', { dryRun: false });

    const preview = await service.preview({ source: upload(), format: 'auto' }, desktop);
    expect(preview.report).toMatchObject({ format: 'shopify', products: 31, variants: 63, created: 30, updated: 1 });
    expect(preview.report.errors).toHaveLength(200);
    expect(preview.errorCount).toBe(250);
    expect(preview.sample).toHaveLength(20);
    expect(preview.sample[0]).toMatchObject({ sourceKey: 'classic-tee', action: 'update', priceMin: '19.99', priceMax: '21.50', stock: 17, firstSku: 'TS-BLK-S', variants: 3, images: 2 });
    expect(preview.sample[12]).toMatchObject({ action: 'create', priceMin: '5', priceMax: '12.00' });
    expect(preview).toMatchObject({ detectedFormat: 'shopify', encoding: 'utf-8', delimiter: ',', headers: ['Handle', 'Title'] });
    expect(store.stats()).toEqual({ products: 1, variants: 3 });
  });
});

describe('ImportService.start', () => {
  it('reports reading, saving and done; then announces the new catalog and removes the upload', async () => {
    const { service, store, progress, other, upload, uploadsDir, refreshed } = setup(fakeParser(parsed([tshirt()], [{ line: 9, message: 'Missing title.' }])));
    const { importId } = await service.start({ source: upload(), format: 'shopify' }, producer);
    await service.idle();
    expect(progress.every((p) => p.importId === importId)).toBe(true);
    const phases = progress.map((p) => p.phase);
    expect(phases[0]).toBe('reading');
    expect(phases.slice(-2)).toEqual(['saving', 'done']);
    // 500 progress callbacks within one interval: throttled to a couple of events.
    expect(phases.filter((p) => p === 'reading').length).toBeLessThanOrEqual(3);
    expect(progress.at(-1)).toMatchObject({
      phase: 'done',
      rows: 500,
      totalBytes: 5_000,
      errorCount: 1,
      error: null,
      report: { format: 'shopify', products: 1, variants: 3, images: 2, created: 1, updated: 0, errors: [{ line: 9, message: 'Missing title.' }] },
    });
    expect(other).toEqual(['studio:event:catalog-changed']);
    expect(refreshed()).toBe(1);
    expect(store.stats()).toEqual({ products: 1, variants: 3 });
    expect(fs.readdirSync(uploadsDir)).toEqual([]);
  });

  it('a cancel while reading saves nothing and leaves the catalog as it was', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { service, store, progress, other, upload, db } = setup(fakeParser(parsed([tshirt({ title: 'Renamed' }), importedProduct()]), gate));
    store.applyImport([tshirt()], 'shopify', { dryRun: false });
    const before = db.prepare('SELECT * FROM products').all();
    const { importId } = await service.start({ source: upload(), format: 'auto' }, desktop);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(service.cancel(importId)).toEqual({ cancelled: true });
    await service.idle();
    release();
    expect(progress.at(-1)).toMatchObject({ phase: 'cancelled', report: null });
    expect(other).toEqual([]);
    expect(db.prepare('SELECT * FROM products').all()).toEqual(before);
    expect(store.stats()).toEqual({ products: 1, variants: 3 });
    expect(service.cancel(importId)).toEqual({ cancelled: false });
  });

  it('a file that cannot be imported fails with the reason and changes nothing', async () => {
    const { service, store, progress, upload } = setup(fakeParser(new StudioError('invalid-input', 'This file is empty.')));
    store.applyImport([tshirt()], 'shopify', { dryRun: false });
    await service.start({ source: upload(), format: 'auto' }, desktop);
    await service.idle();
    expect(progress.at(-1)).toMatchObject({ phase: 'failed', error: 'This file is empty. Nothing was imported.' });
    expect(store.stats()).toEqual({ products: 1, variants: 3 });
  });

  it('a save that fails half-way rolls back every product of the file', async () => {
    const products = [tshirt({ title: 'Renamed' }), importedProduct(), importedProduct({ variants: [{ price: 'abc' }] })];
    const { service, store, progress, upload } = setup(fakeParser(parsed(products)));
    store.applyImport([tshirt()], 'shopify', { dryRun: false });
    await service.start({ source: upload(), format: 'auto' }, desktop);
    await service.idle();
    expect(progress.at(-1)).toMatchObject({ phase: 'failed', error: expect.stringMatching(/Nothing was imported/) });
    expect(store.stats()).toEqual({ products: 1, variants: 3 });
    expect(store.search({ query: 'renamed', offset: 0, limit: 5 }).total).toBe(0);
  });

  it('runs one import at a time', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { service, upload } = setup(fakeParser(parsed([tshirt()]), gate));
    await service.start({ source: upload(), format: 'auto' }, desktop);
    await expect(service.start({ source: upload(), format: 'auto' }, desktop)).rejects.toThrow(/Another import is still running/);
    release();
    await service.idle();
  });
});

describe('import sources', () => {
  it('refuses a path on this computer from the producer console, and accepts it from the desktop', async () => {
    const { service, upload, uploadsDir } = setup(fakeParser(parsed([tshirt()])));
    const { uploadId } = upload();
    const source = { kind: 'path' as const, path: path.join(uploadsDir, uploadId) };
    await expect(service.preview({ source, format: 'auto' }, producer)).rejects.toMatchObject({
      code: 'unauthorized',
      message: 'The producer console cannot open files on the studio computer. Upload the file instead.',
    });
    await expect(service.start({ source, format: 'auto' }, producer)).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(service.preview({ source, format: 'auto' }, desktop)).resolves.toMatchObject({ report: { products: 1 } });
  });

  it('says so when the upload or the file is missing', async () => {
    const { service } = setup(fakeParser(parsed([])));
    await expect(service.preview({ source: { kind: 'upload', uploadId: crypto.randomUUID() }, format: 'auto' }, producer)).rejects.toMatchObject({
      code: 'not-found',
      message: 'That upload is no longer on the studio computer. Upload the file again.',
    });
    await expect(service.preview({ source: { kind: 'path', path: '/nowhere/products.csv' }, format: 'auto' }, desktop)).rejects.toThrow(
      'There is no file at /nowhere/products.csv.',
    );
  });
});

describe('import messages', () => {
  it('name an uploaded file by the name the host gave it, not its upload id', async () => {
    const parse: CatalogParser = (file) => Promise.reject(new StudioError('invalid-input', `The file "${path.basename(file)}" is empty.`));
    const { service, upload, progress } = setup(parse);
    await expect(service.preview({ source: upload(), format: 'auto' }, producer)).rejects.toThrow('The file "products.csv" is empty.');
    await service.start({ source: upload(), format: 'auto' }, producer);
    await service.idle();
    expect(progress.at(-1)).toMatchObject({ phase: 'failed', error: 'The file "products.csv" is empty. Nothing was imported.' });
  });
});
