/**
 * EXPLAIN QUERY PLAN checks on the hot queries: searching and listing the
 * catalog, matching products on re-import, loading a rundown. Each must use
 * an index or the FTS index, never scan variants or sort the whole catalog.
 */
import { describe, expect, it } from 'vitest';
import { MATCH_QUERIES } from '../catalog/catalog-import-writer.js';
import { CATALOG_QUERIES } from '../catalog/catalog-store.js';
import { RUNDOWN_QUERIES } from '../rundown/rundown-store.js';
import { freshQueryPlanSteps } from '../../../tests/support/query-plan.js';

const planOf = freshQueryPlanSteps;

const fullScans = (plan: string[]) => plan.filter((step) => /^SCAN (v|p|i|variants|products|rundown_items)\b(?! USING)/.test(step));

describe('query plans of the hot queries', () => {
  it.each([
    ['ranked', CATALOG_QUERIES.rankedRows],
    ['in catalog order', CATALOG_QUERIES.catalogOrderRows],
  ])('search (%s): the FTS index picks and orders the page, then rows are fetched by primary key', (_name, sql) => {
    const plan = planOf(sql, '"ts"*', 100, 0);
    expect(plan).toContainEqual(expect.stringMatching(/^SCAN catalog_search VIRTUAL TABLE INDEX/));
    expect(plan).toContain('SEARCH v USING INTEGER PRIMARY KEY (rowid=?)');
    expect(plan).toContain('SEARCH p USING INTEGER PRIMARY KEY (rowid=?)');
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
    expect(fullScans(plan)).toEqual([]);
  });

  it('search count: answered from the FTS index alone', () => {
    expect(planOf(CATALOG_QUERIES.countMatches, '"ts"*')).toEqual([expect.stringMatching(/^SCAN catalog_search VIRTUAL TABLE INDEX/)]);
  });

  it('catalog list: walks the title index and each product’s variants in order, with no sort', () => {
    const plan = planOf(CATALOG_QUERIES.listRows, 100, 0);
    expect(plan).toContain('SCAN p USING INDEX products_by_title');
    expect(plan).toContain('SEARCH v USING INDEX variants_by_product (product_id=?)');
    expect(plan).toContain('SEARCH i USING INDEX images_by_product (product_id=?)');
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
    expect(fullScans(plan)).toEqual([]);
  });

  it.each([
    ['after', CATALOG_QUERIES.listRowsAfter, '>'],
    ['before', CATALOG_QUERIES.listRowsBefore, '<'],
  ])('catalog list, keyset page %s a row: seeks in the title index, no OFFSET walk and no sort', (_name, sql, op) => {
    const plan = planOf(sql, { title: 'Mug', productId: 3, position: 1, limit: 100 });
    expect(plan).toContain(`SEARCH p USING INDEX products_by_title (title${op}?)`);
    expect(plan).toContain('SEARCH v USING INDEX variants_by_product (product_id=?)');
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
    expect(fullScans(plan)).toEqual([]);
  });

  it.each([
    ['after', CATALOG_QUERIES.catalogOrderRowsAfter],
    ['before', CATALOG_QUERIES.catalogOrderRowsBefore],
  ])('search in catalog order, keyset page %s a row: FTS5 starts at the rowid and orders the page', (_name, sql) => {
    const plan = planOf(sql, { match: '"ts"*', variantId: 7, limit: 100 });
    expect(plan).toContainEqual(expect.stringMatching(/^SCAN catalog_search VIRTUAL TABLE INDEX \d+:M\d+[<>]/));
    expect(plan).toContain('SEARCH v USING INTEGER PRIMARY KEY (rowid=?)');
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
    expect(fullScans(plan)).toEqual([]);
  });

  it('ranked keyset page: its rows are fetched by primary key in the order of the ids given', () => {
    const plan = planOf(CATALOG_QUERIES.rowsByIds, '[3,1,2]');
    expect(plan).toContain('SEARCH v USING INTEGER PRIMARY KEY (rowid=?)');
    expect(plan).toContain('SEARCH p USING INTEGER PRIMARY KEY (rowid=?)');
    expect(fullScans(plan)).toEqual([]);
  });

  it('bounded search count: answered from the FTS index alone', () => {
    const plan = planOf(CATALOG_QUERIES.countMatchesUpTo, '"ts"*', 2_001);
    expect(plan).toContainEqual(expect.stringMatching(/^SCAN catalog_search VIRTUAL TABLE INDEX/));
    expect(fullScans(plan)).toEqual([]);
  });

  it('re-import matching: by key through the unique index, by SKU through the SKU index', () => {
    expect(planOf(MATCH_QUERIES.byKey, 'shopify', 'tee')).toEqual([
      expect.stringMatching(/^SEARCH products USING COVERING INDEX sqlite_autoindex_products_\d \(source_format=\? AND source_key=\?\)/),
    ]);
    expect(planOf(MATCH_QUERIES.bySku, 'TS-1')).toContain('SEARCH variants USING INDEX variants_by_sku (sku=?)');
  });

  it('rundown load: items of one show in order through their index, products by primary key', () => {
    const plan = planOf(RUNDOWN_QUERIES.items, 1);
    expect(plan).toContain('SEARCH i USING INDEX rundown_items_by_show (show_id=?)');
    expect(plan).toContain('SEARCH p USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN');
    expect(plan).toContain('SEARCH rv USING INDEX rundown_visits_by_item (item_id=?)');
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
    expect(fullScans(plan)).toEqual([]);
  });
});
