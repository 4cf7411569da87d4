/**
 * The file parser the import service, the CLI and the benchmark use
 * (injected, so tests can stand in a parser that pauses or fails).
 */
import type { CatalogParser } from './catalog-import.js';
import { parseCatalogFile } from './import/index.js';

export const parseCatalog: CatalogParser = parseCatalogFile;
