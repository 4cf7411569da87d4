import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel.js';
import {
  CATALOG_FIELDS,
  CATALOG_FORMATS,
  type CatalogCursor,
  type CatalogField,
  type CatalogPage,
  type CatalogStats,
  type ImportPreview,
  type ImportProgress,
  type ProductDetail,
} from '../../domain/catalog.js';

/**
 * Where an import reads from: a file uploaded to the control server
 * (browser), or a path on this computer (desktop app and CLI only — the
 * handler refuses paths from the control server).
 */
export const importSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('upload'), uploadId: z.uuid({ message: 'Unknown upload.' }) }).strict(),
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }).strict(),
]);
export type ImportSource = z.infer<typeof importSourceSchema>;

export const columnMappingSchema = z.partialRecord(
  z.enum(CATALOG_FIELDS as unknown as [CatalogField, ...CatalogField[]]),
  z.string().max(200).nullable(),
);

const importRequest = z
  .object({
    source: importSourceSchema,
    format: z.enum(['auto', ...CATALOG_FORMATS]).default('auto'),
    /** Generic CSV only: header name per field; omitted fields are guessed. */
    mapping: columnMappingSchema.optional(),
  })
  .strict();

const id = z.number().int().positive();

/** A row's sort key (CatalogCursor): where a keyset page starts. */
export const catalogCursorSchema = z.discriminatedUnion('order', [
  z
    .object({ order: z.literal('title'), title: z.string().max(100_000), productId: id, position: z.number().int().min(0) })
    .strict(),
  z.object({ order: z.literal('rank'), variantId: id }).strict(),
  z.object({ order: z.literal('catalog'), variantId: id }).strict(),
]) satisfies z.ZodType<CatalogCursor>;

export const catalogChannels = {
  /** Dry run: what the import would do, with the first products, counts and row problems. Saves nothing. */
  previewImport: defineChannel<ImportPreview>()('studio:catalog:preview-import', importRequest),
  /** Starts an import; progress and the result arrive as `importProgress` events. */
  startImport: defineChannel<{ importId: string }>()('studio:catalog:start-import', importRequest),
  /** Stops a running import; nothing from it is saved. */
  cancelImport: defineChannel<{ cancelled: boolean }>()(
    'studio:catalog:cancel-import',
    z.object({ importId: z.string().max(100) }).strict(),
  ),
  /**
   * Variant rows, prefix search as you type over title, SKU, vendor, tags and
   * option values. A page is asked for by `offset`, or (cheaply, however deep)
   * by keyset: `after` a page's `last` cursor for the next page, `before` its
   * `first` for the previous one. A broad search's total is counted only up
   * to a limit (`totalIsExact` false); the empty query's total is exact.
   */
  searchCatalog: defineChannel<CatalogPage>()(
    'studio:catalog:search',
    z
      .object({
        query: z.string().max(200).default(''),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
        after: catalogCursorSchema.optional(),
        before: catalogCursorSchema.optional(),
      })
      .strict()
      .refine((s) => !(s.after && s.before), { message: 'Ask for the page after a row or before one, not both.' })
      .refine((s) => !((s.after || s.before) && s.offset > 0), { message: 'A keyset page takes no offset.' }),
  ),
  getProduct: defineChannel<ProductDetail>()('studio:catalog:get-product', z.object({ productId: id }).strict()),
  getCatalogStats: defineChannel<CatalogStats>()('studio:catalog:stats', z.undefined()),
} as const;

export const catalogEvents = {
  importProgress: defineEvent<ImportProgress>('studio:event:import-progress'),
  catalogChanged: defineEvent<CatalogStats>('studio:event:catalog-changed'),
} as const;
