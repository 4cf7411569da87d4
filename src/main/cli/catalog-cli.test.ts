/**
 * The real command line, spawned as a host would run it, against the real
 * store exports in tests/fixtures/catalogs and a database file on disk.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOPIFY_TEMPLATE_CSV as SHOPIFY, WOOCOMMERCE_SAMPLE_CSV as WOOCOMMERCE } from '../../../tests/harness/catalog-fixtures.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import type { ImportReport, ProductDetail } from '../../shared/domain/catalog.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

function studio(...args: string[]) {
  const run = spawnSync(process.execPath, [TSX, path.join(ROOT, 'src/main/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const reportOf = (stdout: string): ImportReport => {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as ImportReport;
};

describe('studio import / studio catalog', () => {
  it('imports both real store exports, prints one JSON report each, and updates on re-import', () => {
    const db = path.join(tempDir(), 'studio.sqlite');
    const shopify = studio('import', SHOPIFY, '--db', db, '--json');
    expect(shopify.code, shopify.stderr).toBe(0);
    const report = reportOf(shopify.stdout);
    expect(Object.keys(report)).toEqual(['format', 'products', 'variants', 'images', 'created', 'updated', 'errors']);
    expect(report).toMatchObject({ format: 'shopify', created: report.products, updated: 0 });
    expect(report.products).toBeGreaterThan(0);

    const woo = reportOf(studio('import', WOOCOMMERCE, '--db', db, '--json').stdout);
    expect(woo).toMatchObject({ format: 'woocommerce', updated: 0 });

    const again = studio('import', SHOPIFY, '--db', db, '--format', 'shopify', '--json');
    expect(again.code).toBe(0);
    expect(reportOf(again.stdout)).toEqual({ ...report, created: 0, updated: report.products });

    const catalog = studio('catalog', '--db', db, '--json');
    expect(catalog.code, catalog.stderr).toBe(0);
    const products = JSON.parse(catalog.stdout) as ProductDetail[];
    expect(products).toHaveLength(report.products + woo.products);
    expect(products.reduce((n, p) => n + p.variants.length, 0)).toBe(report.variants + woo.variants);
    expect(products.reduce((n, p) => n + p.images.length, 0)).toBe(report.images + woo.images);
    const shirt = products.find((p) => p.sourceKey === 'example-shirt')!;
    expect(shirt).toMatchObject({ sourceFormat: 'shopify', title: 'Example T-Shirt', vendor: 'Acme' });
    expect(shirt.variants[0]).toMatchObject({ sku: expect.any(String), price: expect.stringMatching(/^\d+(\.\d+)?$/) });
  });

  it('a dry run reports without saving; row problems are listed and the rest imports (exit 0)', () => {
    const dir = tempDir();
    const db = path.join(dir, 'studio.sqlite');
    const file = path.join(dir, 'products.csv');
    fs.writeFileSync(
      file,
      'Handle,Title,Variant SKU,Variant Price\ncap,Cap,CAP-1,12.00\nmug,Mug,MUG-1,abc\nbag,Bag,BAG-1,30\n',
    );
    const dry = studio('import', file, '--db', db, '--dry-run', '--json');
    expect(dry.code, dry.stderr).toBe(0);
    const report = reportOf(dry.stdout);
    expect(report.errors).toEqual([{ line: 3, message: expect.stringMatching(/abc/) }]);
    expect(JSON.parse(studio('catalog', '--db', db, '--json').stdout)).toEqual([]);

    const human = studio('import', file, '--db', db);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`^Imported ${report.products} products? .* ${report.created} new, 0 updated\\.`));
    expect(human.stdout).toContain('Line 3: ');
  });

  it('exits non-zero with the reason on stderr when nothing can be imported', () => {
    const dir = tempDir();
    const db = path.join(dir, 'studio.sqlite');
    const missing = studio('import', path.join(dir, 'nope.csv'), '--db', db, '--json');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/no such file/);

    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'hello\nworld\n');
    const unknown = studio('import', notes, '--db', db, '--json');
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/not a known store export/);

    const badFormat = studio('import', SHOPIFY, '--db', db, '--format', 'etsy');
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/Unknown format "etsy"/);

    const noDb = studio('catalog', '--db', path.join(dir, 'missing.sqlite'), '--json');
    expect(noDb.code).toBe(1);
    expect(noDb.stderr).toMatch(/There is no studio database/);
    expect(fs.existsSync(path.join(dir, 'missing.sqlite'))).toBe(false);
  });
});
