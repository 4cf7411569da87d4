/**
 * The file parser on the calling thread, for the CLI, the demo seed and the
 * benchmark (injected, so tests can stand in a parser that pauses or fails).
 * The running studio's import service uses parse-in-worker.ts instead, so a
 * big file never holds the main thread.
 */
import type { CatalogParser } from './catalog-import.js';
import { parseCatalogFile } from './import/index.js';

export const parseCatalog: CatalogParser = parseCatalogFile;
