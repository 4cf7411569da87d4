/** The catalog file parsers' public surface (main process only). */
export { parseCatalogFile } from './parse-catalog-file.js';
export { CatalogFileError } from './catalog-file-error.js';
export { guessMapping } from './generic-mapping.js';
export type { FileEncoding, ImportedImage, ImportedProduct, ImportedVariant, ParseOptions, ParseProgress, ParseResult } from './types.js';
