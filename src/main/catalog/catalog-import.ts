/**
 * One import, start to finish, as both the import service and the CLI run
 * it: parse the whole file first, then save in one transaction. Because the
 * transaction only starts after parsing, a cancel, an unreadable file or a
 * crash while reading never leaves part of a file in the catalog.
 */
import type { CatalogFormat, ColumnMapping, ImportReport, RowError } from '../../shared/domain/catalog.js';
import type { CatalogStore } from './catalog-store.js';
import type { ImportOutcome } from './catalog-import-writer.js';
import type { ParseOptions, ParseResult } from './import/types.js';

export type CatalogParser = (filePath: string, options?: ParseOptions) => Promise<ParseResult>;

export interface ReadProgress {
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly rows: number;
}

export interface CatalogImportOptions {
  readonly format: CatalogFormat | 'auto';
  readonly mapping?: ColumnMapping | undefined;
  /** settings.store.currency: which dollar a bare "$" in a price cell is. */
  readonly storeCurrency?: string | undefined;
  readonly dryRun: boolean;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: ReadProgress) => void) | undefined;
  /**
   * Saved as the currency of products whose file names none (the demo
   * catalog is a Shopify export, which never does). Real imports leave it
   * out: the store currency in Settings applies when they are shown.
   */
  readonly currencyWhenNone?: string | undefined;
  /** Called after parsing, before the transaction; may wait (to let a progress event out). */
  readonly beforeSave?: ((parsed: ParseResult) => Promise<void>) | undefined;
}

export interface CatalogImportResult {
  readonly parsed: ParseResult;
  readonly outcome: ImportOutcome;
  readonly report: ImportReport;
}

/** Thrown when the import was cancelled before it saved anything. */
export class ImportCancelledError extends Error {
  constructor() {
    super('The import was cancelled; nothing was saved.');
    this.name = 'ImportCancelledError';
  }
}

export async function importCatalogFile(
  deps: { readonly store: CatalogStore; readonly parse: CatalogParser },
  filePath: string,
  options: CatalogImportOptions,
): Promise<CatalogImportResult> {
  const parseOptions: ParseOptions = { format: options.format };
  if (options.mapping) parseOptions.mapping = options.mapping;
  if (options.storeCurrency) parseOptions.storeCurrency = options.storeCurrency;
  if (options.signal) parseOptions.signal = options.signal;
  if (options.onProgress) parseOptions.onProgress = options.onProgress;
  let parsed: ParseResult;
  try {
    parsed = await deps.parse(filePath, parseOptions);
  } catch (error) {
    if (options.signal?.aborted) throw new ImportCancelledError();
    throw error;
  }
  await options.beforeSave?.(parsed);
  // The last moment a cancel can take effect: the save below is one synchronous transaction.
  if (options.signal?.aborted) throw new ImportCancelledError();
  const fill = options.currencyWhenNone;
  const products = fill ? parsed.products.map((p) => (p.currency === null ? { ...p, currency: fill } : p)) : parsed.products;
  const outcome = deps.store.applyImport(products, parsed.format, { dryRun: options.dryRun });
  return { parsed, outcome, report: reportOf(outcome, [...parsed.errors, ...outcome.skipped]) };
}

/** The ImportReport shape, keys in the documented order (it is also the CLI's JSON). */
export function reportOf(outcome: ImportOutcome, errors: readonly RowError[]): ImportReport {
  return {
    format: outcome.format,
    products: outcome.products,
    variants: outcome.variants,
    images: outcome.images,
    created: outcome.created,
    updated: outcome.updated,
    errors: [...errors].sort((a, b) => a.line - b.line),
  };
}
