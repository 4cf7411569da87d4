/**
 * The catalog parser's own thread (a worker_threads Worker): reading a big
 * or hostile file never holds the main thread, where the UI's calls, the
 * control server and the built-in SFU are answered. Started once per parse
 * by parse-in-worker.ts; speaks the messages below over its port.
 */
import { parentPort } from 'node:worker_threads';
import { CatalogFileError } from './catalog-file-error.js';
import { parseCatalogFile } from './parse-catalog-file.js';
import type { ParseOptions, ParseProgress, ParseResult } from './types.js';

/** Main → worker: what to parse. */
export interface ParseRequest {
  readonly filePath: string;
  readonly options: Pick<ParseOptions, 'format' | 'mapping' | 'storeCurrency'>;
}

/** Worker → main. */
export type ParseWorkerMessage =
  | { readonly type: 'progress'; readonly progress: ParseProgress }
  | { readonly type: 'done'; readonly result: ParseResult }
  /** `fileProblem`: a CatalogFileError's message, shown to the host as is. */
  | { readonly type: 'failed'; readonly fileProblem: string | null; readonly error: string };

const port = parentPort;
if (port === null) throw new Error('parse-worker.ts runs as a worker thread (see parse-in-worker.ts).');

port.once('message', (request: ParseRequest) => {
  const post = (message: ParseWorkerMessage) => port.postMessage(message);
  parseCatalogFile(request.filePath, { ...request.options, onProgress: (progress) => post({ type: 'progress', progress }) }).then(
    (result) => post({ type: 'done', result }),
    (error: unknown) =>
      post({
        type: 'failed',
        fileProblem: error instanceof CatalogFileError ? error.message : null,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  );
});
