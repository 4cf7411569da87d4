/**
 * The import service's parser: parseCatalogFile in a worker thread
 * (import/parse-worker.ts), so a preview or an import of a big file leaves
 * the main thread free for the UI, the control server and the SFU. Same
 * contract as parseCatalogFile: progress about ten times a second, a
 * CatalogFileError for a file that cannot be imported, an AbortError when
 * the signal aborts (the worker is stopped at once).
 *
 * Where the worker's code is: next to this file as TypeScript when the
 * studio runs from source (`npm run web` under tsx, vitest), loaded through
 * tsx's loader; in the Electron build, the `catalog-parse-worker.js` entry
 * vite.config.ts builds beside the main bundle.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CatalogParser } from './catalog-import.js';
import { abortError, CatalogFileError } from './import/catalog-file-error.js';
import type { ParseRequest, ParseWorkerMessage } from './import/parse-worker.js';
import type { ParseOptions, ParseResult } from './import/types.js';

/** The parser's heap, at most: past it the worker ends, and the file is refused; the studio is unharmed. */
export const PARSE_WORKER_HEAP_MB = 2048;
/** Parses at once (previews are not queued like imports): more wait their turn, so memory stays bounded. */
export const MAX_PARALLEL_PARSES = 2;

let parsing = 0;
const waiting: (() => void)[] = [];

/** Resolves when this parse may start its worker; an abort while waiting rejects with the AbortError. */
function turn(signal: AbortSignal | undefined): Promise<void> {
  if (parsing < MAX_PARALLEL_PARSES) {
    parsing++;
    return Promise.resolve();
  }
  return new Promise<void>((resolve, reject) => {
    const go = () => {
      signal?.removeEventListener('abort', onAbort);
      parsing++;
      resolve();
    };
    const onAbort = () => {
      waiting.splice(waiting.indexOf(go), 1);
      reject(abortError(signal!));
    };
    waiting.push(go);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Parses waiting for their turn (for tests and diagnostics). */
export const parsesWaiting = (): number => waiting.length;

function endTurn(): void {
  parsing--;
  waiting.shift()?.();
}

const fromSource = import.meta.url.endsWith('.ts');

function startWorker(): Worker {
  // Names held in variables, so the bundler leaves these URLs alone.
  const entry = fromSource ? './import/parse-worker.ts' : './catalog-parse-worker.js';
  const url = new URL(entry, import.meta.url);
  const resourceLimits = { maxOldGenerationSizeMb: PARSE_WORKER_HEAP_MB };
  if (!fromSource) return new Worker(url, { resourceLimits });
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return new Worker(url, { resourceLimits, execArgv: ['--import', tsxLoader] });
}

export const parseCatalogInWorker: CatalogParser = async (filePath: string, options: ParseOptions = {}) => {
  await turn(options.signal);
  try {
    return await parseOnce(filePath, options);
  } finally {
    endTurn();
  }
};

const parseOnce = (filePath: string, options: ParseOptions) =>
  new Promise<ParseResult>((resolve, reject) => {
    const { signal, onProgress } = options;
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const worker = startWorker();
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      outcome();
    };
    const onAbort = () => finish(() => reject(abortError(signal!)));
    signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: ParseWorkerMessage) => {
      if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'done') finish(() => resolve(message.result));
      else if (message.fileProblem !== null) finish(() => reject(new CatalogFileError(message.fileProblem!)));
      else finish(() => reject(new Error(`The catalog parser failed: ${message.error}`)));
    });
    worker.on('error', (error: Error & { code?: string }) =>
      finish(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new CatalogFileError(`This file needs more than ${PARSE_WORKER_HEAP_MB / 1024} GB of memory to read, so it cannot be imported. Split it into smaller files.`)
            : error,
        ),
      ),
    );
    worker.on('exit', (code) => finish(() => reject(new Error(`The catalog parser stopped unexpectedly (exit code ${code}).`))));
    const request: ParseRequest = { filePath, options: { ...(options.format ? { format: options.format } : {}), ...(options.mapping ? { mapping: options.mapping } : {}), ...(options.storeCurrency ? { storeCurrency: options.storeCurrency } : {}) } };
    worker.postMessage(request);
  });
