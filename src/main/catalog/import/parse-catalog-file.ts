/**
 * The catalog file parser's entry point. Runs in main (Node), touches no
 * database: it streams the file, decodes it (UTF-8, else Windows-1252),
 * detects the format and returns products plus per-row problems for the
 * import service to save.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { CatalogFileError, abortError } from './catalog-file-error.js';
import { NotUtf8Error, readTextChunks } from './decode.js';
import { ParseSession } from './parse-session.js';
import type { FileEncoding, ParseOptions, ParseResult } from './types.js';

const PROGRESS_INTERVAL_MS = 100;

/**
 * Reads a Shopify, WooCommerce, Google Merchant Center or generic catalog
 * file. Rejects with CatalogFileError when nothing can be imported (missing
 * or unreadable file, empty file, unknown format, a mapping with neither
 * title nor SKU), and with an AbortError when `signal` aborts. Problems with
 * single rows never reject: they are in `errors`, and the good rows are in
 * `products`.
 */
export async function parseCatalogFile(filePath: string, options: ParseOptions = {}): Promise<ParseResult> {
  const totalBytes = await fileSize(filePath);
  try {
    return await parseWithEncoding(filePath, 'auto', totalBytes, options);
  } catch (error) {
    // Not UTF-8: read it again from the start (see decode.ts for the choice).
    if (!(error instanceof NotUtf8Error)) throw error;
    return await parseWithEncoding(filePath, error.damagedUtf8 ? 'damaged-utf-8' : 'windows-1252', totalBytes, options);
  }
}

async function fileSize(filePath: string): Promise<number> {
  const name = basename(filePath);
  let info;
  try {
    info = await stat(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CatalogFileError(`The file "${name}" was not found.`);
    if (code === 'EACCES' || code === 'EPERM') throw new CatalogFileError(`The file "${name}" cannot be read: permission denied.`);
    throw new CatalogFileError(`The file "${name}" cannot be read (${code ?? 'unknown error'}).`);
  }
  if (info.isDirectory()) throw new CatalogFileError(`"${name}" is a folder, not a product file.`);
  if (info.size === 0) throw new CatalogFileError(`The file "${name}" is empty.`);
  return info.size;
}

async function parseWithEncoding(
  filePath: string,
  encoding: 'auto' | 'windows-1252' | 'damaged-utf-8',
  totalBytes: number,
  options: ParseOptions,
): Promise<ParseResult> {
  const session = new ParseSession({ format: options.format ?? 'auto', mapping: options.mapping, storeCurrency: options.storeCurrency ?? '' });
  let usedEncoding: FileEncoding = encoding === 'windows-1252' ? 'windows-1252' : 'utf-8';
  let bytesRead = 0;
  let lastProgress = 0;
  const { onProgress, signal } = options;
  const chunks = readTextChunks(filePath, {
    encoding,
    signal,
    onEncoding: (e) => (usedEncoding = e),
    onBytes: (n) => (bytesRead = n),
  });
  try {
    for await (const text of chunks) {
      session.push(text);
      if (onProgress) {
        const now = Date.now();
        if (now - lastProgress >= PROGRESS_INTERVAL_MS) {
          lastProgress = now;
          onProgress({ bytesRead, totalBytes, rows: session.rows });
        }
      }
    }
  } catch (error) {
    // A read error (file removed or unreadable mid-way) is the file's fault, not a bug.
    if (error instanceof Error && 'syscall' in error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new CatalogFileError(`The file "${basename(filePath)}" could not be read to the end (${code}).`);
    }
    throw error;
  }
  if (signal?.aborted) throw abortError(signal);
  const outcome = session.end();
  onProgress?.({ bytesRead: totalBytes, totalBytes, rows: session.rows });
  return { ...outcome, encoding: usedEncoding };
}
