/**
 * Browser uploads (the producer console's catalog files) never pile up: a
 * quota per upload and in total, a clear refusal when full, the upload
 * deleted once its import ends however it ends, and old leftovers swept.
 * Through the whole studio core: the real control server, parser and SQLite.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeShopifyCatalog } from '../../../bench/shopify-catalog-file.js';
import { SHOPIFY_TEMPLATE_CSV as SHOPIFY } from '../../../tests/harness/catalog-fixtures.js';
import { until } from '../../../tests/harness/test-studio.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import type { Result } from '../../shared/api/result.js';
import type { ImportProgress } from '../../shared/domain/catalog.js';
import { startStudioCore, type StudioCore } from '../core/studio-core.js';
import { UPLOAD_LIMITS, UploadRefusedError, UploadStore } from './upload-store.js';

const cores: StudioCore[] = [];
afterEach(async () => {
  while (cores.length) await cores.pop()!.close();
});

const DAY = 24 * 60 * 60 * 1000;

async function studio(dataDir = tempDir()) {
  const core = await startStudioCore({
    dataDir,
    rendererDir: path.join(dataDir, 'no-renderer'),
    platform: { runtime: 'web', openExternal: async () => false },
    pinnedControlServer: { port: 0 },
    embeddedSfu: { port: 0 },
  });
  cores.push(core);
  const uploadsDir = path.join(dataDir, 'uploads');
  const upload = async (body: Buffer | string, name = 'store.csv') => {
    const { port, token } = core.controlServer.status();
    const response = await fetch(`http://127.0.0.1:${port}/api/upload?name=${name}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    return { status: response.status, body: (await response.json()) as Result<{ uploadId: string }> };
  };
  const startImport = async (uploadId: string) => {
    const result = (await core.dispatch('studio:catalog:start-import', { source: { kind: 'upload', uploadId }, format: 'auto' }, {
      transport: 'ipc',
      clientId: 'window',
    })) as Result<{ importId: string }>;
    if (!result.ok) throw new Error(result.error.message);
    return result.value.importId;
  };
  const uploadedFiles = () => fs.readdirSync(uploadsDir).sort();
  return { core, dataDir, uploadsDir, upload, startImport, uploadedFiles };
}

const phaseOf = (core: StudioCore, importId: string) =>
  new Promise<string>((resolve) =>
    core.events.subscribe((channel, payload) => {
      const p = payload as ImportProgress;
      if (channel === 'studio:event:import-progress' && p.importId === importId && p.phase !== 'reading' && p.phase !== 'saving') resolve(p.phase);
    }),
  );

describe('browser uploads', () => {
  it('are deleted once their import is done, has failed or was cancelled', async () => {
    const { core, upload, startImport, uploadedFiles } = await studio();
    const big = path.join(tempDir(), 'big.csv');
    await writeShopifyCatalog(big, 20_000, 5);
    const cases = [
      { body: fs.readFileSync(SHOPIFY), phase: 'done' },
      { body: Buffer.from('{"not": "a product list"}'), phase: 'failed' },
      { body: fs.readFileSync(big), phase: 'cancelled' },
    ];
    for (const { body, phase } of cases) {
      const sent = await upload(body);
      if (!sent.body.ok) throw new Error(sent.body.error.message);
      expect(uploadedFiles()).toHaveLength(2); // the file and its name
      const importId = await startImport(sent.body.value.uploadId);
      const ended = phaseOf(core, importId);
      if (phase === 'cancelled') core.imports.cancel(importId);
      expect(await ended).toBe(phase);
      await core.imports.idle();
      expect(uploadedFiles(), phase).toEqual([]);
    }
  }, 120_000);

  it('are refused with a clear message when full, after old leftovers are cleared (also at start-up)', async () => {
    const dataDir = tempDir();
    const uploadsDir = path.join(dataDir, 'uploads');
    fs.mkdirSync(uploadsDir);
    // Files of the full quota's size that take no disk space (sparse).
    const leftover = (name: string, size: number, ageMs: number) => {
      const file = path.join(uploadsDir, name);
      fs.writeFileSync(file, '');
      fs.truncateSync(file, size);
      const at = new Date(Date.now() - ageMs);
      fs.utimesSync(file, at, at);
      return file;
    };
    const stale = leftover('from-last-week', 10, 7 * DAY);
    const waiting = leftover('waiting-for-its-import', UPLOAD_LIMITS.total - 5, 0);

    const { upload, uploadedFiles } = await studio(dataDir);
    await until(() => fs.existsSync(stale), (exists) => !exists, 'the start-up sweep');
    expect(uploadedFiles()).toEqual(['waiting-for-its-import']);

    const full = await upload('Title\nMug\n');
    expect(full.status).toBe(507);
    expect(full.body).toEqual({
      ok: false,
      error: {
        code: 'invalid-input',
        message:
          'Uploads are full (2 GB): finish or cancel the imports waiting for their files, then upload again. Files no import uses are cleared after a day.',
      },
    });
    expect(uploadedFiles()).toEqual(['waiting-for-its-import']);

    // A day later nothing waits for that file any more: it is cleared, and the upload fits.
    const dayOld = new Date(Date.now() - DAY - 1000);
    fs.utimesSync(waiting, dayOld, dayOld);
    const fits = await upload('Title\nMug\n');
    expect(fits.status).toBe(200);
    expect(fs.existsSync(waiting)).toBe(false);
  }, 120_000);
});

describe('the upload store', () => {
  const limits = { perUpload: 100, total: 250, maxAgeMs: DAY };
  async function* chunks(...parts: number[]) {
    for (const n of parts) yield Buffer.alloc(n, 0x61);
  }

  it('refuses an upload over the per-upload quota and keeps nothing of it', async () => {
    const store = new UploadStore(tempDir(), limits);
    const error = await store.save(chunks(60, 60), 'big.csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadRefusedError);
    expect(error).toMatchObject({ status: 413 });
    expect(fs.readdirSync(store.dir)).toEqual([]);
  });

  it('counts uploads still arriving, so two at once cannot pass the total', async () => {
    const store = new UploadStore(tempDir(), limits);
    await store.save(chunks(50), 'a.csv');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let arrived!: () => void;
    const firstChunkTaken = new Promise<void>((resolve) => (arrived = resolve));
    async function* slow() {
      yield Buffer.alloc(100, 0x61);
      // The store asks for more only once it has taken (and counted) the first chunk.
      arrived();
      await gate;
    }
    const first = store.save(slow(), 'b.csv');
    await firstChunkTaken;
    const second = await store.save(chunks(100), 'c.csv').catch((e: unknown) => e);
    release();
    expect(second).toMatchObject({ status: 507 });
    expect(await first).toMatchObject({ name: 'b.csv', size: 100 });
  });
});
