/**
 * On a re-import, which existing variant each imported one updates, and
 * whether it changed (used by CatalogImportWriter).
 */
import { optionColumns, type VariantRecord } from './catalog-rows.js';
import type { ImportedVariant } from './import/types.js';

const optionKey = (values: readonly (string | null)[]): string => values.map((v) => v ?? '').join('\u0000');

export type VariantValues = {
  position: number;
  sku: string | null;
  barcode: string | null;
  o1: string | null;
  o2: string | null;
  o3: string | null;
  price: string | null;
  compareAt: string | null;
  stock: number | null;
  image: string | null;
  platformId: string | null;
};

export const sameVariant = (v: VariantRecord, n: VariantValues): boolean =>
  v.position === n.position &&
  v.sku === n.sku &&
  v.barcode === n.barcode &&
  v.option1 === n.o1 &&
  v.option2 === n.o2 &&
  v.option3 === n.o3 &&
  v.price === n.price &&
  v.compare_at_price === n.compareAt &&
  v.stock === n.stock &&
  v.image_url === n.image &&
  (n.platformId === null || v.platform_id === n.platformId);

/** Pairs imported variants (by position) with existing ones: SKU first, then option values. */
export function matchVariants(
  existing: readonly VariantRecord[],
  imported: readonly ImportedVariant[],
): { reuse: Map<number, VariantRecord>; leftover: VariantRecord[] } {
  const bySku = new Map<string, VariantRecord[]>();
  const byOptions = new Map<string, VariantRecord[]>();
  const add = (map: Map<string, VariantRecord[]>, key: string, v: VariantRecord) => {
    const list = map.get(key);
    if (list) list.push(v);
    else map.set(key, [v]);
  };
  for (const v of existing) {
    if (v.sku !== null) add(bySku, v.sku, v);
    add(byOptions, optionKey([v.option1, v.option2, v.option3]), v);
  }
  const free = new Set(existing.map((v) => v.id));
  const reuse = new Map<number, VariantRecord>();
  const take = (position: number, candidates: readonly VariantRecord[] | undefined) => {
    const candidate = candidates?.find((c) => free.has(c.id));
    if (!candidate) return;
    reuse.set(position, candidate);
    free.delete(candidate.id);
  };
  imported.forEach((variant, position) => {
    if (variant.sku !== null) take(position, bySku.get(variant.sku));
  });
  imported.forEach((variant, position) => {
    if (!reuse.has(position)) take(position, byOptions.get(optionKey(optionColumns(variant.optionValues))));
  });
  return { reuse, leftover: existing.filter((v) => free.has(v.id)) };
}
