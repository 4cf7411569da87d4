import { afterAll, describe, expect, it } from 'vitest';
import { TempFiles } from '../../../tests/support/catalog-files.js';
import { CatalogFileError } from './import/catalog-file-error.js';
import { parseCatalogFile } from './import/parse-catalog-file.js';
import { parseCatalogInWorker, parsesWaiting } from './parse-in-worker.js';

const files = new TempFiles();
afterAll(() => files.remove());

describe('the catalog parser in its own thread', () => {
  it('gives what the parser gives on this thread, with progress', async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => `Mug ${i},M-${i},${i}.50`).join('\n');
    const file = files.write('mugs.csv', `Title,SKU,Price\n${rows}\nBad,B-1,abc\n`);
    const progress: number[] = [];
    const inWorker = await parseCatalogInWorker(file, { onProgress: (p) => progress.push(p.rows) });
    expect(inWorker).toEqual(await parseCatalogFile(file));
    expect(progress.at(-1)).toBe(3_001);
  }, 120_000);

  it('refuses a file that cannot be imported with the same host message', async () => {
    const header = Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(',');
    const error = await parseCatalogInWorker(files.write('million-columns.csv', `${header}\n1\n`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogFileError);
    expect((error as Error).message).toMatch(/^Line 1: 1,000,000 columns/);
  }, 120_000);

  it('stops at once when cancelled', async () => {
    const controller = new AbortController();
    const file = files.write('cancel.csv', `Title,SKU\n${'Mug,M\n'.repeat(200_000)}`);
    const parse = parseCatalogInWorker(file, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(parse).rejects.toMatchObject({ name: 'AbortError' });
  }, 120_000);
});

describe('parses at once', () => {
  it('at most two run; a third waits its turn, and a waiting one can be cancelled', async () => {
    const file = files.write('small.csv', 'Title,SKU\nMug,M-1\n');
    const parses = [0, 1, 2].map(() => parseCatalogInWorker(file));
    const waitingOne = new AbortController();
    const cancelled = parseCatalogInWorker(file, { signal: waitingOne.signal });
    expect(parsesWaiting()).toBe(2);
    waitingOne.abort();
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    expect(parsesWaiting()).toBe(1);
    const results = await Promise.all(parses);
    expect(results.map((r) => r.products.length)).toEqual([1, 1, 1]);
    expect(parsesWaiting()).toBe(0);
  }, 120_000);
});
