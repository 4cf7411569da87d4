import path from 'node:path';
import type { StudioDatabase } from '../db/open-database.js';
import type { RundownService } from '../rundown/rundown-service.js';
import { importCatalogFile } from '../catalog/catalog-import.js';
import { parseCatalog } from '../catalog/catalog-parser.js';
import type { CatalogStore } from '../catalog/catalog-store.js';

const SEEDED_KEY = 'demo.seeded';
export const DEMO_CURRENCY = 'USD';

export interface DemoStudioDeps {
  readonly db: StudioDatabase;
  readonly catalog: CatalogStore;
  readonly rundown: RundownService;
  /** The demo's pictures (resources/demo/pictures, named in its CSV) are kept like any picture beside a CSV. */
  readonly pictures?: { readonly service: { importedFrom(folder: string): Promise<void> } };
}

/**
 * The embedded default a new user sees on first start: a small boutique
 * catalog (resources/demo/demo-catalog.csv, imported through the real
 * importer, with its pictures) and a demo show that uses it. Runs once per data folder — a
 * host who deletes the demo never gets it back — and never touches a data
 * folder that already has products or shows.
 */
export async function seedDemoStudio(deps: DemoStudioDeps, demoCatalogFile: string): Promise<boolean> {
  const seeded = deps.db.prepare('SELECT 1 FROM settings WHERE key = ?').get(SEEDED_KEY);
  if (seeded) return false;
  const markSeeded = () =>
    deps.db
      .prepare('INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES (?, ?, ?)')
      .run(SEEDED_KEY, JSON.stringify(true), Date.now());
  if (deps.catalog.stats().products > 0 || deps.rundown.listShows().length > 0) {
    markSeeded();
    return false;
  }
  // The demo boutique sells in US dollars, so a new user's cards read "$68.00", not a bare "68.00".
  await importCatalogFile({ store: deps.catalog, parse: parseCatalog }, demoCatalogFile, {
    format: 'shopify',
    dryRun: false,
    currencyWhenNone: DEMO_CURRENCY,
  });
  // Made by scripts/make-demo-pictures.ts: a new user's first cards have pictures, offline too.
  await deps.pictures?.service.importedFrom(path.dirname(demoCatalogFile));
  const show = deps.rundown.createShow('Demo show: Friday boutique drop', null);
  const find = (sku: string) => deps.catalog.search({ query: sku, offset: 0, limit: 1 }).rows[0];
  const dress = find('HP-LWD-M-SND');
  const hoops = find('LJ-HOOP-GLD');
  const tote = find('FG-TOTE-NAT');
  deps.rundown.addItems(show.id, [
    { kind: 'segment', segmentType: 'intro', title: 'Welcome + how to claim', notes: 'Say hi, explain "sold + size" in chat.', plannedSeconds: 120 },
    ...(dress ? [{ kind: 'product' as const, productId: dress.productId, variantId: null }] : []),
    ...(hoops ? [{ kind: 'product' as const, productId: hoops.productId, variantId: null }] : []),
    { kind: 'segment', segmentType: 'giveaway', title: 'Giveaway: scrunchie set', notes: 'Winner picked from buyers.', plannedSeconds: 90 },
    ...(tote ? [{ kind: 'product' as const, productId: tote.productId, variantId: tote.variantId }] : []),
    { kind: 'segment', segmentType: 'qa', title: 'Sizing questions', notes: '', plannedSeconds: 180 },
  ]);
  deps.rundown.setActiveShow(show.id);
  markSeeded();
  return true;
}
