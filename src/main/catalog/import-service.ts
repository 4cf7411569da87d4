/**
 * Catalog imports for the UI: a dry-run preview, and background imports
 * that report progress as `importProgress` events and can be cancelled.
 * Only one import runs at a time.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ImportSource } from '../../shared/api/contract/catalog.js';
import { StudioError } from '../../shared/api/result.js';
import type {
  CatalogFormat,
  ColumnMapping,
  ImportPhase,
  ImportPreview,
  ImportPreviewProduct,
  ImportProgress,
  ImportReport,
} from '../../shared/domain/catalog.js';
import { shownCurrency } from '../../shared/domain/money.js';
import type { CallContext } from '../api/dispatcher.js';
import type { StudioEventBus } from '../events/event-bus.js';
import type { PlannedProduct } from './catalog-import-writer.js';
import { importCatalogFile, ImportCancelledError, type CatalogParser, type ReadProgress } from './catalog-import.js';
import type { CatalogStore } from './catalog-store.js';
import { resolveImportSource, type ResolvedSource } from './import-source.js';
import { priceRange } from './price-order.js';

export interface ImportRequest {
  readonly source: ImportSource;
  readonly format: CatalogFormat | 'auto';
  readonly mapping?: ColumnMapping | undefined;
}

export interface ImportServiceDeps {
  readonly store: CatalogStore;
  readonly events: StudioEventBus;
  readonly parse: CatalogParser;
  readonly uploadsDir: string;
  /** After a saved import (and its `catalogChanged` event). */
  readonly onCatalogChanged?: () => void;
  /** After a saved import from a path on this computer (not an upload): its folder (a CSV may name picture files there). */
  readonly onImportedFrom?: (folder: string) => Promise<void>;
  /** Minimum time between two 'reading' events. */
  readonly progressIntervalMs?: number;
  readonly log?: (message: string, error: unknown) => void;
}

export const PREVIEW_PRODUCTS = 20;
export const REPORTED_ERRORS = 200;

interface RunningImport {
  readonly id: string;
  readonly controller: AbortController;
  readonly done: Promise<void>;
}

export class ImportService {
  private running: RunningImport | null = null;

  constructor(private readonly deps: ImportServiceDeps) {}

  /** What the import would do, saving nothing. */
  async preview(request: ImportRequest, context: CallContext): Promise<ImportPreview> {
    const source = await resolveImportSource(request.source, context, this.deps.uploadsDir);
    const { parsed, outcome, report } = await importCatalogFile(this.deps, source.filePath, {
      format: request.format,
      mapping: request.mapping,
      storeCurrency: this.deps.store.storeCurrency(),
      dryRun: true,
    }).catch((error: unknown) => {
      throw error instanceof StudioError ? new StudioError(error.code, namedForHost(error.message, source)) : error;
    });
    return {
      report: capErrors(report),
      detectedFormat: parsed.detectedFormat,
      encoding: parsed.encoding,
      delimiter: parsed.delimiter,
      headers: parsed.headers,
      mapping: parsed.mapping,
      sample: outcome.planned.slice(0, PREVIEW_PRODUCTS).map((planned) => previewProduct(planned, this.deps.store.storeCurrency())),
      errorCount: report.errors.length,
    };
  }

  /**
   * Checks the source, then imports in the background. The answer comes
   * before any event for this import, so the UI knows the id to follow.
   */
  async start(request: ImportRequest, context: CallContext): Promise<{ importId: string }> {
    if (this.running) {
      throw new StudioError('conflict', 'Another import is still running. Wait for it to finish, or cancel it.');
    }
    const source = await resolveImportSource(request.source, context, this.deps.uploadsDir);
    if (this.running) throw new StudioError('conflict', 'Another import is still running. Wait for it to finish, or cancel it.');
    const id = crypto.randomUUID();
    const controller = new AbortController();
    let resolveDone!: () => void;
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    this.running = { id, controller, done };
    setImmediate(() => {
      this.run(id, request, source, controller.signal).finally(() => {
        this.running = null;
        resolveDone();
      });
    });
    return { importId: id };
  }

  /** Stops the import if it is still reading; once saving has begun it completes. */
  cancel(importId: string): { cancelled: boolean } {
    if (this.running?.id !== importId || this.running.controller.signal.aborted) return { cancelled: false };
    this.running.controller.abort();
    return { cancelled: true };
  }

  /** Resolves when no import is running. */
  async idle(): Promise<void> {
    await this.running?.done;
  }

  /** Cancels a running import (if still reading) and waits for it to stop. */
  async shutdown(): Promise<void> {
    this.running?.controller.abort();
    await this.idle();
  }

  private async run(importId: string, request: ImportRequest, source: ResolvedSource, signal: AbortSignal): Promise<void> {
    const { filePath, uploadFiles } = source;
    const totalBytes = await fs.promises.stat(filePath).then((s) => s.size, () => 0);
    let last: ReadProgress = { bytesRead: 0, totalBytes, rows: 0 };
    const emit = (phase: ImportPhase, extra: Partial<ImportProgress> = {}) =>
      this.deps.events.emit('importProgress', {
        importId,
        phase,
        ...last,
        report: null,
        errorCount: 0,
        error: null,
        ...extra,
      });
    const interval = this.deps.progressIntervalMs ?? 100;
    let lastEmitAt = 0;
    emit('reading');
    try {
      const { report } = await importCatalogFile(this.deps, filePath, {
        format: request.format,
        mapping: request.mapping,
        dryRun: false,
        signal,
        onProgress: (progress) => {
          last = progress;
          const now = Date.now();
          if (now - lastEmitAt < interval) return;
          lastEmitAt = now;
          emit('reading');
        },
        beforeSave: async (parsed) => {
          last = { ...last, bytesRead: last.totalBytes, rows: Math.max(last.rows, parsed.products.length) };
          emit('saving');
          // Let the 'saving' event reach the UIs before the transaction holds the thread.
          await new Promise((resolve) => setImmediate(resolve));
        },
      });
      if (uploadFiles.length === 0) await this.deps.onImportedFrom?.(path.dirname(filePath));
      emit('done', { report: capErrors(report), errorCount: report.errors.length });
      this.deps.events.emit('catalogChanged', this.deps.store.stats());
      this.deps.onCatalogChanged?.();
    } catch (error) {
      if (error instanceof ImportCancelledError) {
        emit('cancelled');
      } else if (error instanceof StudioError) {
        emit('failed', { error: `${namedForHost(error.message, source)} Nothing was imported.` });
      } else {
        (this.deps.log ?? console.error)(`Import ${importId} failed`, error);
        emit('failed', { error: 'The import failed inside the studio (details are in the log). Nothing was imported.' });
      }
    } finally {
      // Done, failed or cancelled: no import uses the upload any more (another try uploads the file again).
      await Promise.all(uploadFiles.map((f) => fs.promises.rm(f, { force: true })));
    }
  }
}

/** An upload is stored under a random id; messages name it the way the host does. */
const namedForHost = (message: string, source: ResolvedSource): string =>
  message.replaceAll(path.basename(source.filePath), source.displayName);

function capErrors(report: ImportReport): ImportReport {
  return report.errors.length <= REPORTED_ERRORS ? report : { ...report, errors: report.errors.slice(0, REPORTED_ERRORS) };
}

/** `storeCurrency`: shown for a product whose file names none, as the catalog will show it. */
function previewProduct({ product, action }: PlannedProduct, storeCurrency: string): ImportPreviewProduct {
  const { min, max } = priceRange(product.variants.map((v) => v.price));
  const stocks = product.variants.map((v) => v.stock).filter((s): s is number => s !== null);
  return {
    line: product.line,
    sourceKey: product.sourceKey,
    title: product.title,
    vendor: product.vendor,
    status: product.status,
    variants: Math.max(1, product.variants.length),
    images: product.images.length,
    priceMin: min,
    priceMax: max,
    currency: shownCurrency(product.currency, storeCurrency),
    stock: stocks.length > 0 ? stocks.reduce((a, b) => a + b, 0) : null,
    firstSku: product.variants.find((v) => v.sku !== null)?.sku ?? null,
    action,
  };
}
