/**
 * The catalog and rundown through the whole studio core, as the producer
 * console uses them: a real control server upload, the real parser, the
 * dispatcher with its input validation, events, and SQLite on disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SHOPIFY_TEMPLATE_CSV as SHOPIFY } from '../../../tests/harness/catalog-fixtures.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import type { CatalogPage, ImportPreview, ImportProgress } from '../../shared/domain/catalog.js';
import type { RundownState, Show } from '../../shared/domain/rundown.js';
import type { Result } from '../../shared/api/result.js';
import type { CallContext } from '../api/dispatcher.js';
import { writeShopifyCatalog } from '../../../bench/shopify-catalog-file.js';
import { startStudioCore, type StudioCore } from './studio-core.js';

const producer: CallContext = { transport: 'control', clientId: 'control-1', role: 'host' };
const desktop: CallContext = { transport: 'ipc', clientId: 'window' };

let core: StudioCore | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

async function start() {
  const dataDir = tempDir();
  core = await startStudioCore({
    dataDir,
    rendererDir: path.join(dataDir, 'no-renderer'),
    platform: { runtime: 'web', openExternal: () => Promise.resolve(false) },
    pinnedControlServer: { port: 0 },
    embeddedSfu: { port: 0 },
  });
  const studio = core;
  const events: { channel: string; payload: unknown }[] = [];
  studio.events.subscribe((channel, payload) => events.push({ channel, payload }));
  const call = async <T>(channel: string, input: unknown, context = producer): Promise<T> => {
    const result = (await studio.dispatch(channel, input, context)) as Result<T>;
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value;
  };
  const upload = async (file: string, name = path.basename(file)) => {
    const { port, token } = studio.controlServer.status();
    const response = await fetch(`http://127.0.0.1:${port}/api/upload?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: fs.readFileSync(file),
    });
    const body = (await response.json()) as { value: { uploadId: string } };
    return body.value.uploadId;
  };
  const importFinished = (importId: string) =>
    new Promise<ImportProgress>((resolve) => {
      const stop = studio.events.subscribe((channel, payload) => {
        const progress = payload as ImportProgress;
        if (channel === 'studio:event:import-progress' && progress.importId === importId && !['reading', 'saving'].includes(progress.phase)) {
          stop();
          resolve(progress);
        }
      });
    });
  return { studio, dataDir, events, call, upload, importFinished };
}

describe('catalog and rundown through the studio core', () => {
  it('upload, preview, import, find by part of a SKU, add to a rundown and advance the cursor', async () => {
    const { call, upload, importFinished, events } = await start();
    const uploadId = await upload(SHOPIFY, 'my-store.csv');
    const request = { source: { kind: 'upload', uploadId } };

    const preview = await call<ImportPreview>('studio:catalog:preview-import', request);
    expect(preview).toMatchObject({ detectedFormat: 'shopify', report: { format: 'shopify', updated: 0 }, errorCount: 0 });
    expect(preview.sample[0]).toMatchObject({ sourceKey: 'example-shirt', action: 'create' });

    const { importId } = await call<{ importId: string }>('studio:catalog:start-import', request);
    const finished = await importFinished(importId);
    expect(finished).toMatchObject({ phase: 'done', report: preview.report });
    expect(events.map((e) => e.channel)).toContain('studio:event:catalog-changed');

    const page = await call<CatalogPage>('studio:catalog:search', { query: 'srt_co' });
    expect(page.total).toBeGreaterThan(0);
    const hit = page.rows[0]!;
    expect(hit.sku).toMatch(/^SRT_COT_/);

    const show = await call<Show>('studio:rundown:create-show', { name: 'Friday drop' });
    await call<RundownState>('studio:rundown:set-active-show', { showId: show.id });
    await call<RundownState>('studio:rundown:add-items', {
      showId: show.id,
      items: [
        { kind: 'segment', segmentType: 'intro', title: 'Hello everyone', plannedSeconds: 60 },
        { kind: 'product', productId: hit.productId, variantId: hit.variantId },
      ],
    });
    await call<RundownState>('studio:rundown:advance', { showId: show.id });
    const state = await call<RundownState>('studio:rundown:advance', { showId: show.id, direction: 'next' });
    const current = state.items.find((i) => i.id === state.cursor.currentItemId)!;
    expect(current.product).toMatchObject({ variantId: hit.variantId, sku: hit.sku, price: hit.price });
    expect(await call<RundownState | null>('studio:rundown:get-active', undefined)).toMatchObject({ cursor: state.cursor });
    const rundownEvents = events.filter((e) => e.channel === 'studio:event:rundown-changed');
    expect(rundownEvents.at(-1)!.payload).toMatchObject({ cursor: state.cursor });
  });

  it('refuses a file path from the producer console but imports it for the desktop window', async () => {
    const { call, importFinished } = await start();
    const request = { source: { kind: 'path', path: SHOPIFY }, format: 'shopify' };
    await expect(call('studio:catalog:start-import', request, producer)).rejects.toMatchObject({
      code: 'unauthorized',
      message: expect.stringMatching(/Upload the file instead/),
    });
    await expect(call('studio:catalog:preview-import', request, producer)).rejects.toMatchObject({ code: 'unauthorized' });
    const { importId } = await call<{ importId: string }>('studio:catalog:start-import', request, desktop);
    expect(await importFinished(importId)).toMatchObject({ phase: 'done' });
  });

  it('a cancelled import of a large file saves nothing, and the catalog stays as it was', async () => {
    const { studio, call, upload, importFinished, dataDir } = await start();
    const first = await call<{ importId: string }>('studio:catalog:start-import', { source: { kind: 'upload', uploadId: await upload(SHOPIFY) } });
    await importFinished(first.importId);
    const before = studio.catalog.stats();

    const big = path.join(dataDir, 'big.csv');
    await writeShopifyCatalog(big, 20_000, 5);
    const { importId } = await call<{ importId: string }>('studio:catalog:start-import', { source: { kind: 'upload', uploadId: await upload(big) } });
    const finished = importFinished(importId);
    // Cancel mid-file: after the parser has reported reading part of it.
    await new Promise<void>((resolve) => {
      const stop = studio.events.subscribe((channel, payload) => {
        const p = payload as ImportProgress;
        if (channel === 'studio:event:import-progress' && p.bytesRead > 0 && p.bytesRead < p.totalBytes) {
          stop();
          resolve();
        }
      });
    });
    expect(await call('studio:catalog:cancel-import', { importId })).toEqual({ cancelled: true });
    expect(await finished).toMatchObject({ phase: 'cancelled', report: null });
    expect(studio.catalog.stats()).toEqual(before);
    expect(studio.db.prepare('SELECT count(*) FROM products').pluck().get()).toBe(before.products);
  });
});
