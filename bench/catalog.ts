/**
 * The catalog benchmark: import a generated 100,000-variant Shopify CSV
 * into an empty database, import it again (the update path), then time
 * prefix searches as a host types them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importCatalogFile } from '../src/main/catalog/catalog-import.js';
import { parseCatalog } from '../src/main/catalog/catalog-parser.js';
import { CatalogStore } from '../src/main/catalog/catalog-store.js';
import { openDatabase } from '../src/main/db/open-database.js';
import { writeShopifyCatalog, type GeneratedCatalog } from './shopify-catalog-file.js';

export interface CatalogBenchmarkOptions {
  readonly products: number;
  readonly variantsPerProduct: number;
  readonly queries: number;
}

export interface ImportRun {
  readonly wallMs: number;
  readonly parseMs: number;
  readonly saveMs: number;
  readonly rowsPerSecond: number;
  readonly peakRssMb: number;
  readonly created: number;
  readonly updated: number;
  readonly errors: number;
}

export interface Latency {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

export interface CatalogBenchmarkResult {
  readonly file: GeneratedCatalog;
  readonly generateMs: number;
  readonly insert: ImportRun;
  /** The same file again: nothing changed. */
  readonly update: ImportRun;
  /** A later export: all prices and stock changed, 10% of titles renamed. */
  readonly revised: ImportRun;
  readonly databaseMb: number;
  readonly search: Latency;
  readonly searchByLength: Readonly<Record<string, Latency>>;
  readonly listFirstPage: Latency;
  /** The page at offset variantRows - 1,000, asked for by OFFSET. */
  readonly listDeepPage: Latency;
  /** The same page by keyset, after the previous page's last row (as the catalog table asks while scrolling). */
  readonly listDeepPageKeyset: Latency;
}

/** Samples RSS while `work` runs: the highest resident memory seen, in MB. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ value: T; peakRssMb: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, peakRssMb: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

async function timedImport(store: CatalogStore, file: string, rows: number): Promise<ImportRun> {
  const started = performance.now();
  let parsedAt = started;
  const { value, peakRssMb } = await withPeakRss(() =>
    importCatalogFile({ store, parse: parseCatalog }, file, {
      format: 'auto',
      dryRun: false,
      beforeSave: () => {
        parsedAt = performance.now();
        return Promise.resolve();
      },
    }),
  );
  const wallMs = performance.now() - started;
  const { report } = value;
  return {
    wallMs,
    parseMs: parsedAt - started,
    saveMs: started + wallMs - parsedAt,
    rowsPerSecond: rows / (wallMs / 1000),
    peakRssMb,
    created: report.created,
    updated: report.updated,
    errors: report.errors.length,
  };
}

function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? 0 };
}

/** What a host types: 1–4 letters of a word or SKU, sometimes a second word. Seeded. */
function typedQueries(file: GeneratedCatalog, count: number): string[] {
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
    const length = 1 + (i % 4);
    const kind = i % 10;
    if (kind < 5) queries.push(pick(file.words).slice(0, length));
    else if (kind < 8) queries.push(pick(file.skus).slice(0, length + 2));
    else if (kind < 9) queries.push(pick(file.skus));
    else queries.push(`${pick(file.words)} ${pick(file.words).slice(0, length)}`);
  }
  return queries;
}

function time(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

export async function runCatalogBenchmark(options: CatalogBenchmarkOptions): Promise<CatalogBenchmarkResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-bench-'));
  try {
    const csv = path.join(dir, 'products.csv');
    const generateStarted = performance.now();
    const file = await writeShopifyCatalog(csv, options.products, options.variantsPerProduct);
    const generateMs = performance.now() - generateStarted;

    const dbPath = path.join(dir, 'studio.sqlite');
    const db = openDatabase(dbPath);
    const store = new CatalogStore(db);
    const revisedCsv = path.join(dir, 'products-later.csv');
    await writeShopifyCatalog(revisedCsv, options.products, options.variantsPerProduct, 1);
    const insert = await timedImport(store, csv, file.variantRows);
    const update = await timedImport(store, csv, file.variantRows);
    const revised = await timedImport(store, revisedCsv, file.variantRows);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const databaseMb = fs.statSync(dbPath).size / 2 ** 20;

    const queries = typedQueries(file, options.queries);
    // Warm the page cache the way a studio that has been open for a while would be.
    for (const query of queries.slice(0, 50)) store.search({ query, offset: 0, limit: 100 });
    const byLength = new Map<string, number[]>();
    const all = queries.map((query) => {
      const ms = time(() => store.search({ query, offset: 0, limit: 100 }));
      const key = query.includes(' ') ? 'two words' : `${Math.min(query.length, 5)}${query.length >= 5 ? '+' : ''} chars`;
      byLength.set(key, [...(byLength.get(key) ?? []), ms]);
      return ms;
    });
    const listFirstPage = latency(Array.from({ length: 50 }, () => time(() => store.search({ query: '', offset: 0, limit: 100 }))));
    const deep = Math.max(0, file.variantRows - 1_000);
    const listDeepPage = latency(Array.from({ length: 20 }, () => time(() => store.search({ query: '', offset: deep, limit: 100 }))));
    // Walk to the page before it a page at a time, by keyset, keeping its last row's key.
    let previous = store.search({ query: '', offset: 0, limit: 100 });
    for (let start = 100; start < deep; start += 100) previous = store.search({ query: '', offset: 0, limit: 100, after: previous.last! });
    const deepAfter = deep === 0 ? undefined : previous.last!;
    const listDeepPageKeyset = latency(
      Array.from({ length: 20 }, () => time(() => store.search({ query: '', offset: 0, limit: 100, after: deepAfter }))),
    );
    db.close();
    return {
      file,
      generateMs,
      insert,
      update,
      revised,
      databaseMb,
      search: latency(all),
      searchByLength: Object.fromEntries([...byLength].sort().map(([k, v]) => [k, latency(v)])),
      listFirstPage,
      listDeepPage,
      listDeepPageKeyset,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
