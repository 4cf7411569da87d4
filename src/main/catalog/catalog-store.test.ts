import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importedProduct, tshirt } from '../../../tests/harness/imported-products.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { openDatabase } from '../db/open-database.js';
import type { ImportedVariant } from './import/types.js';
import { importFingerprint } from './import-fingerprint.js';
import { CatalogStore } from './catalog-store.js';

const openStore = (file = path.join(tempDir(), 'studio.sqlite')) => {
  const db = openDatabase(file);
  let clock = 1_000;
  return { db, file, store: new CatalogStore(db, { now: () => clock++ }) };
};

describe('CatalogStore.applyImport', () => {
  it('creates products with their variants and images, in order', () => {
    const { store } = openStore();
    const outcome = store.applyImport([tshirt(), importedProduct({ title: 'Mug' })], 'shopify', { dryRun: false });
    expect(outcome).toMatchObject({ format: 'shopify', products: 2, variants: 4, images: 2, created: 2, updated: 0 });
    const id = outcome.planned[0]!.productId!;
    const product = store.getProduct(id);
    expect(product).toMatchObject({
      sourceFormat: 'shopify',
      sourceKey: 'classic-tee',
      title: 'Classic T-Shirt',
      tags: ['cotton', 'summer'],
      optionNames: ['Size', 'Color'],
      status: 'active',
      currency: 'USD',
    });
    expect(product.variants.map((v) => [v.position, v.sku, v.title, v.price, v.stock])).toEqual([
      [0, 'TS-BLK-S', 'S / Black', '19.99', 5],
      [1, 'TS-BLK-M', 'M / Black', '19.99', 0],
      [2, 'TS-BLK-L', 'L / Black', '21.50', 12],
    ]);
    expect(product.variants[2]!.compareAtPrice).toBe('25.00');
    expect(product.images.map((i) => [i.position, i.alt])).toEqual([
      [0, 'Front'],
      [1, 'Back'],
    ]);
    expect(store.stats()).toEqual({ products: 2, variants: 4 });
  });

  it('re-importing the same file updates in place: same product and variant ids, no duplicates', () => {
    const { store } = openStore();
    const first = store.applyImport([tshirt()], 'shopify', { dryRun: false });
    const id = first.planned[0]!.productId!;
    const variantIds = store.getProduct(id).variants.map((v) => v.id);
    const second = store.applyImport([tshirt({ title: 'Classic Tee' })], 'shopify', { dryRun: false });
    expect(second).toMatchObject({ created: 0, updated: 1 });
    expect(second.planned[0]!.productId).toBe(id);
    const after = store.getProduct(id);
    expect(after.title).toBe('Classic Tee');
    expect(after.variants.map((v) => v.id)).toEqual(variantIds);
    expect(after.images).toHaveLength(2);
    expect(after.createdAt).toBeLessThan(after.updatedAt);
    expect(store.stats()).toEqual({ products: 1, variants: 3 });
  });

  it('falls back to a variant SKU when the handle changed, and takes the new handle', () => {
    const { store } = openStore();
    const id = store.applyImport([tshirt()], 'shopify', { dryRun: false }).planned[0]!.productId!;
    const moved = store.applyImport([tshirt({ sourceKey: 'tee-2025' })], 'woocommerce', { dryRun: false });
    expect(moved).toMatchObject({ created: 0, updated: 1 });
    expect(store.getProduct(id)).toMatchObject({ sourceKey: 'tee-2025', sourceFormat: 'woocommerce' });
    // The next import of the new file matches by key directly.
    expect(store.applyImport([tshirt({ sourceKey: 'tee-2025' })], 'woocommerce', { dryRun: true }).planned[0]).toMatchObject({
      action: 'update',
      productId: id,
    });
  });

  it('lets a product keep its own key even when another imported product carries its SKU', () => {
    const { store } = openStore();
    const id = store.applyImport([tshirt()], 'shopify', { dryRun: false }).planned[0]!.productId!;
    // A new product listed first reuses the SKU; the tee itself still has its handle.
    const copy = importedProduct({ sourceKey: 'tee-bundle', title: 'Tee bundle', variants: [{ sku: 'TS-BLK-S' }] });
    const outcome = store.applyImport([copy, tshirt()], 'shopify', { dryRun: false });
    expect(outcome.planned.map((p) => [p.product.sourceKey, p.action])).toEqual([
      ['tee-bundle', 'create'],
      ['classic-tee', 'update'],
    ]);
    expect(outcome.planned[1]!.productId).toBe(id);
    expect(store.stats().products).toBe(2);
  });

  it('matches variants by SKU, then by option values; drops the ones no longer listed', () => {
    const { store } = openStore();
    const noSku = importedProduct({
      sourceKey: 'mug',
      optionNames: ['Color'],
      variants: [{ optionValues: ['Red'] }, { optionValues: ['Blue'] }],
    });
    const tee = tshirt();
    const ids = store.applyImport([tee, noSku], 'shopify', { dryRun: false }).planned.map((p) => p.productId!);
    const [teeBefore, mugBefore] = ids.map((id) => store.getProduct(id).variants);
    const tee2 = tshirt({
      variants: [
        { ...tee.variants[2]!, price: '22.00' }, // L moved first, new price
        { ...tee.variants[0]!, sku: 'TS-BLK-S' },
        { ...tee.variants[1]!, sku: 'TS-BLACK-M' }, // renamed SKU: found by its options
      ],
    });
    const mug2 = importedProduct({ sourceKey: 'mug', optionNames: ['Color'], variants: [{ optionValues: ['Blue'] }] });
    store.applyImport([tee2, mug2], 'shopify', { dryRun: false });
    const teeAfter = store.getProduct(ids[0]!).variants;
    expect(teeAfter.map((v) => [v.id, v.sku, v.price])).toEqual([
      [teeBefore![2]!.id, 'TS-BLK-L', '22.00'],
      [teeBefore![0]!.id, 'TS-BLK-S', '19.99'],
      [teeBefore![1]!.id, 'TS-BLACK-M', '19.99'],
    ]);
    const mugAfter = store.getProduct(ids[1]!).variants;
    expect(mugAfter.map((v) => v.id)).toEqual([mugBefore![1]!.id]);
    expect(store.search({ query: 'red', offset: 0, limit: 10 }).total).toBe(0);
    expect(store.search({ query: 'TS-BLACK', offset: 0, limit: 10 }).rows.map((r) => r.variantId)).toEqual([
      teeBefore![1]!.id,
    ]);
  });

  it('a dry run reports the same as the real import and writes nothing', () => {
    const { store } = openStore();
    store.applyImport([tshirt()], 'shopify', { dryRun: false });
    const products = [tshirt(), importedProduct({ title: 'Mug' })];
    const dry = store.applyImport(products, 'shopify', { dryRun: true });
    expect(store.stats()).toEqual({ products: 1, variants: 3 });
    expect(dry.planned.map((p) => p.action)).toEqual(['update', 'create']);
    expect(dry.planned[1]!.productId).toBeNull();
    const real = store.applyImport(products, 'shopify', { dryRun: false });
    const counts = ({ products: p, variants, images, created, updated }: typeof dry) => ({ p, variants, images, created, updated });
    expect(counts(dry)).toEqual(counts(real));
  });

  it('skips a second product with the same key in one file and says so', () => {
    const { store } = openStore();
    const first = importedProduct({ sourceKey: 'cap', title: 'Cap' });
    const again = importedProduct({ sourceKey: 'cap', title: 'Cap (again)' });
    const outcome = store.applyImport([first, again], 'csv', { dryRun: false });
    expect(outcome).toMatchObject({ products: 1, created: 1 });
    expect(outcome.skipped).toEqual([
      { line: again.line, message: `The product "cap" appears again (first on line ${first.line}); this copy was skipped.` },
    ]);
    expect(store.getProduct(outcome.planned[0]!.productId!).title).toBe('Cap');
  });

  it('gives a product without variants one plain variant so it can be listed and found', () => {
    const { store } = openStore();
    const outcome = store.applyImport([{ ...importedProduct({ title: 'Gift card' }), variants: [] }], 'csv', { dryRun: false });
    expect(outcome.variants).toBe(1);
    expect(store.search({ query: 'gift', offset: 0, limit: 5 }).rows).toHaveLength(1);
  });

  it('saves all or nothing: a row the database refuses rolls the whole import back', () => {
    const { store, db } = openStore();
    store.applyImport([tshirt()], 'shopify', { dryRun: false });
    const before = db.prepare('SELECT * FROM variants ORDER BY id').all();
    const broken = importedProduct({ title: 'Broken', variants: [{ price: 'abc' }] });
    expect(() =>
      store.applyImport([tshirt({ title: 'Renamed' }), importedProduct({ title: 'Fine' }), broken], 'shopify', { dryRun: false }),
    ).toThrow(/CHECK constraint/);
    expect(store.stats()).toEqual({ products: 1, variants: 3 });
    expect(db.prepare('SELECT * FROM variants ORDER BY id').all()).toEqual(before);
    expect(store.search({ query: 'renamed', offset: 0, limit: 5 }).total).toBe(0);
    expect(store.search({ query: 'classic', offset: 0, limit: 5 }).total).toBe(3);
  });
});

describe('CatalogStore.applyImport: the same import again (import fingerprints)', () => {
  const totalChanges = (db: ReturnType<typeof openStore>['db']) => db.prepare('SELECT total_changes()').pluck().get() as number;
  const catalogRows = (db: ReturnType<typeof openStore>['db']) => ({
    products: db.prepare('SELECT * FROM products ORDER BY id').all(),
    variants: db.prepare('SELECT * FROM variants ORDER BY id').all(),
    images: db.prepare('SELECT * FROM images ORDER BY id').all(),
  });
  const file = () => [tshirt(), importedProduct({ sourceKey: 'mug', title: 'Mug', variants: [{ sku: 'MUG-1' }] })];

  it('writes no row at all when nothing changed (line numbers may differ), and reports the same counts', () => {
    const { db, store } = openStore();
    const first = store.applyImport(file(), 'shopify', { dryRun: false });
    const rows = catalogRows(db);
    const changesBefore = totalChanges(db);
    const again = store.applyImport(file(), 'shopify', { dryRun: false });
    expect(totalChanges(db) - changesBefore).toBe(0);
    expect(catalogRows(db)).toEqual(rows);
    expect(again).toMatchObject({ products: 2, variants: 4, images: 2, created: 0, updated: 2 });
    expect(again.planned.map((p) => p.productId)).toEqual(first.planned.map((p) => p.productId));
    expect(store.search({ query: 'mug', offset: 0, limit: 5 }).total).toBe(1);
  });

  it('still updates a product whose price, image or text changed, and only that product', () => {
    const { db, store } = openStore();
    const [teeId, mugId] = store.applyImport(file(), 'shopify', { dryRun: false }).planned.map((p) => p.productId!);
    const mugBefore = db.prepare('SELECT * FROM products WHERE id = ?').get(mugId);
    const tee = tshirt();
    const changed = [{ ...tee, variants: tee.variants.map((v, i) => (i === 1 ? { ...v, price: '24.00' } : v)) }, file()[1]!];
    store.applyImport(changed, 'shopify', { dryRun: false });
    expect(store.getProduct(teeId!).variants.map((v) => v.price)).toEqual(['19.99', '24.00', '21.50']);
    expect(db.prepare('SELECT * FROM products WHERE id = ?').get(mugId)).toEqual(mugBefore);
    store.applyImport([tshirt({ images: [{ url: 'https://cdn.example/tee-new.jpg', alt: '' }] })], 'shopify', { dryRun: false });
    expect(store.getProduct(teeId!).images.map((i) => i.url)).toEqual(['https://cdn.example/tee-new.jpg']);
    store.applyImport([tshirt({ title: 'Boxy Tee' })], 'shopify', { dryRun: false });
    expect(store.search({ query: 'boxy', offset: 0, limit: 5 }).total).toBe(3);
  });

  it('compares field by field a product saved without a fingerprint (before migration 0250), then stores one', () => {
    const { db, store } = openStore();
    store.applyImport(file(), 'shopify', { dryRun: false });
    db.prepare('UPDATE products SET import_fingerprint = NULL').run();
    const rows = catalogRows(db);
    store.applyImport(file(), 'shopify', { dryRun: false });
    const after = catalogRows(db);
    // Only the fingerprints were written: same rows, same updated_at.
    expect(after.variants).toEqual(rows.variants);
    expect(after.images).toEqual(rows.images);
    expect(after.products.map((p) => ({ ...(p as object), import_fingerprint: null }))).toEqual(rows.products);
    expect(after.products.every((p) => typeof (p as { import_fingerprint: unknown }).import_fingerprint === 'string')).toBe(true);
    const changesBefore = totalChanges(db);
    store.applyImport(file(), 'shopify', { dryRun: false });
    expect(totalChanges(db) - changesBefore).toBe(0);
  });

  it('does not take a fingerprint from a rolled-back import', () => {
    const { db, store } = openStore();
    store.applyImport(file(), 'shopify', { dryRun: false });
    const tee = tshirt({ title: 'Renamed' });
    const broken = importedProduct({ title: 'Broken', variants: [{ price: 'abc' }] });
    expect(() => store.applyImport([tee, broken], 'shopify', { dryRun: false })).toThrow(/CHECK constraint/);
    store.applyImport([tshirt({ title: 'Renamed' })], 'shopify', { dryRun: false });
    expect(db.prepare("SELECT title FROM products WHERE source_key = 'classic-tee'").pluck().get()).toBe('Renamed');
    expect(store.search({ query: 'renamed', offset: 0, limit: 5 }).total).toBe(3);
  });
});

describe('CatalogStore.applyImport into an empty catalog (indexes built once at the end)', () => {
  const indexes = (db: ReturnType<typeof openStore>['db']) =>
    db.prepare("SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name").all();
  const many = (n: number, broken = false) =>
    Array.from({ length: n }, (_, i) =>
      importedProduct({ sourceKey: `p${i}`, title: `Item ${i}`, variants: [{ sku: `S${i}`, price: broken && i === n - 1 ? 'abc' : '5.00' }] }),
    );

  it('ends with the same indexes, used by the queries, and every row findable', () => {
    const { db, store } = openStore();
    const before = indexes(db);
    store.applyImport(many(1_500), 'csv', { dryRun: false });
    expect(indexes(db)).toEqual(before);
    expect(db.prepare("SELECT count(*) FROM variants INDEXED BY variants_by_sku WHERE sku = 'S1499'").pluck().get()).toBe(1);
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    expect(store.search({ query: 'S1499', offset: 0, limit: 5 }).total).toBe(1);
    expect(store.search({ query: '', offset: 0, limit: 1 }).rows[0]!.title).toBe('Item 0');
  });

  it('a failing import leaves the indexes and the empty catalog as they were', () => {
    const { db, store } = openStore();
    const before = indexes(db);
    expect(() => store.applyImport(many(1_500, true), 'csv', { dryRun: false })).toThrow(/CHECK constraint/);
    expect(indexes(db)).toEqual(before);
    expect(store.stats()).toEqual({ products: 0, variants: 0 });
    expect(store.applyImport(many(1_500), 'csv', { dryRun: false })).toMatchObject({ created: 1_500 });
  });
});

describe('importFingerprint', () => {
  it('leaves out file lines but sees every field, variant and image value', () => {
    const base = tshirt();
    const same = importFingerprint('shopify', base);
    expect(importFingerprint('shopify', tshirt())).toBe(same);
    expect(importFingerprint('woocommerce', base)).not.toBe(same);
    const variant = (fields: Partial<ImportedVariant>) => ({ ...base, variants: [{ ...base.variants[0]!, ...fields }, ...base.variants.slice(1)] });
    for (const changed of [
      { ...base, descriptionHtml: '<p>x</p>' },
      { ...base, tags: ['cotton'] },
      { ...base, platformId: '1' },
      { ...base, images: base.images.slice(1) },
      { ...base, images: [{ ...base.images[0]!, alt: 'Side' }, base.images[1]!] },
      variant({ stock: 6 }),
      variant({ compareAtPrice: '30.00' }),
      variant({ optionValues: ['S', 'White'] }),
      variant({ platformId: '2' }),
      variant({ barcode: '123' }),
    ]) {
      expect(importFingerprint('shopify', changed)).not.toBe(same);
    }
  });
});

describe('CatalogStore reads', () => {
  it('getProduct says plainly when the product is gone', () => {
    const { store } = openStore();
    expect(() => store.getProduct(42)).toThrow(/no longer in the catalog/);
    expect(store.findProduct(42)).toBeNull();
  });

  it('iterates every product with its variants and images, across batches', () => {
    const { store } = openStore();
    const products = Array.from({ length: 1_203 }, (_, i) =>
      importedProduct({ sourceKey: `p${i}`, variants: [{ sku: `A${i}` }, { sku: `B${i}` }], images: [{ url: `https://x/${i}`, alt: '' }] }),
    );
    store.applyImport(products, 'csv', { dryRun: false });
    const all = [...store.iterateProducts()];
    expect(all).toHaveLength(1_203);
    expect(all.every((p, i) => p.sourceKey === `p${i}` && p.variants.length === 2 && p.images.length === 1)).toBe(true);
    expect(all[1_202]!.variants.map((v) => v.sku)).toEqual(['A1202', 'B1202']);
  });
});
