import { StudioError } from '../../../shared/api/result.js';

/**
 * Nothing in the file can be imported (missing, empty, unknown format, or a
 * mapping that names no title). The message is shown to the host as is, so
 * it says what to do. Per-row problems are never thrown: they are RowErrors.
 */
export class CatalogFileError extends StudioError {
  constructor(message: string) {
    super('invalid-input', message);
    this.name = 'CatalogFileError';
  }
}

/** For messages: what can be imported. */
export const SUPPORTED_FORMATS =
  'Shopify product CSV, WooCommerce product CSV, Google Merchant Center feed (TSV or XML), or any CSV with a header row';

/** The error an aborted parse rejects with: the signal's own AbortError, or one made for it. */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('The catalog import was cancelled.', 'AbortError');
}
