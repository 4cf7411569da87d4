/**
 * One pass over a catalog file's decoded text: decides CSV or XML from the
 * first characters, finds the delimiter and the header row, picks the format
 * (detected or forced) and feeds rows to that format's importer. Pure logic
 * fed with text chunks; parse-catalog-file.ts does the I/O around it.
 */
import type { CatalogField, CatalogFormat, ColumnMapping, RowError } from '../../../shared/domain/catalog.js';
import { CatalogFileError, SUPPORTED_FORMATS } from './catalog-file-error.js';
import { describeHeaders } from './columns.js';
import { CsvTokenizer } from './csv-reader.js';
import type { CsvRecord } from './csv-record.js';
import { detectDelimiter, firstRecordText } from './csv-sniff.js';
import { detectCsvFormat } from './detect-format.js';
import { createGenericCsvImporter } from './generic-csv.js';
import { resolveMapping } from './generic-mapping.js';
import { GoogleFeedBuilder, createGoogleTableImporter } from './google-feed.js';
import { GoogleXmlReader } from './google-xml.js';
import { MAX_ROWS, tooManyColumns, tooManyRows } from './limits.js';
import type { ReportRowError, RowImporter } from './product-draft.js';
import { createShopifyImporter } from './shopify.js';
import type { ImportedProduct } from './types.js';
import { createWooCommerceImporter } from './woocommerce.js';
import { PriceCells } from './price-cells.js';
import { DeferredRows } from './deferred-rows.js';

/** Past this much text without a line end, the sample is taken as the whole header. */
const MAX_HEADER_CHARS = 1_000_000;

const SEP_HINT = /^sep=(.)$/i;
const LEADING_BLANK_LINES = /^(?:[ \t]*(?:\r\n|\n|\r))+/;

export interface SessionOptions {
  readonly format: CatalogFormat | 'auto';
  readonly mapping: ColumnMapping | undefined;
  /** settings.store.currency ('' for none): which dollar a bare "$" in a price is. */
  readonly storeCurrency: string;
}

export interface SessionOutcome {
  format: CatalogFormat;
  detectedFormat: CatalogFormat | null;
  delimiter: string | null;
  headers: string[];
  mapping: Record<CatalogField, string | null> | null;
  products: ImportedProduct[];
  errors: RowError[];
}

export class ParseSession {
  /** Data rows (or XML items) read so far, for progress. */
  rows = 0;
  private pending = '';
  private mode: 'undecided' | 'csv' | 'xml' = 'undecided';
  private tokenizer: CsvTokenizer | null = null;
  private xml: GoogleXmlReader | null = null;
  private googleBuilder: GoogleFeedBuilder | null = null;
  private importer: RowImporter | null = null;
  private headers: string[] | null = null;
  /** Cells in the header record, counting unnamed trailing columns. */
  private headerWidth = 0;
  private readonly errors: RowError[] = [];
  private readonly report: ReportRowError = (error) => this.errors.push(error);
  private format: CatalogFormat | null = null;
  private detectedFormat: CatalogFormat | null = null;
  private delimiter: string | null = null;
  private mapping: Record<CatalogField, string | null> | null = null;

  constructor(private readonly options: SessionOptions) {}

  private prices(decimalMark: ',' | '.' | null): PriceCells {
    return new PriceCells({ decimalMark, storeCurrency: this.options.storeCurrency });
  }

  /** The generic CSV importer, holding rows back until the file shows its decimal mark (deferred-rows.ts). */
  private genericImporter(headers: string[], mapping: Record<CatalogField, string | null>): RowImporter {
    const prices = this.prices(this.delimiter === ';' ? ',' : null);
    const importer = createGenericCsvImporter(headers, mapping, this.report, prices);
    const priceColumns = [mapping.price, mapping.compareAtPrice].map((h) => (h === null ? -1 : headers.indexOf(h)));
    return new DeferredRows(importer, prices, priceColumns);
  }

  push(text: string): void {
    if (this.mode === 'csv') this.tokenizer?.push(text);
    else if (this.mode === 'xml') this.xml?.push(text);
    else {
      this.pending += text;
      this.tryToStart(false);
    }
  }

  end(): SessionOutcome {
    if (this.mode === 'undecided') this.tryToStart(true);
    if (this.mode === 'undecided') throw new CatalogFileError('The file is empty.');
    let products: ImportedProduct[];
    if (this.mode === 'xml') {
      this.xml?.end();
      if (this.rows === 0) throw new CatalogFileError('This XML feed has no products: it has no <item> or <entry> elements.');
      products = this.googleBuilder?.finish() ?? [];
    } else {
      this.tokenizer?.end();
      if (this.headers === null) throw new CatalogFileError('The file is empty.');
      if (this.rows === 0) {
        throw new CatalogFileError(`The file has a header row but no products below it. Columns found: ${describeHeaders(this.headers)}.`);
      }
      products = this.importer?.finish() ?? [];
    }
    // Importers report some problems at the end (missing parents, titles): present them in file order.
    const errors = this.errors.map((e, i) => ({ e, i })).sort((a, b) => a.e.line - b.e.line || a.i - b.i).map(({ e }) => e);
    return {
      format: this.format ?? 'csv',
      detectedFormat: this.detectedFormat,
      delimiter: this.delimiter,
      headers: this.headers ?? [],
      mapping: this.mapping,
      products,
      errors,
    };
  }

  private tryToStart(atEnd: boolean): void {
    const start = this.pending.search(/\S/);
    if (start < 0) {
      if (atEnd) this.pending = '';
      return;
    }
    const head = this.pending.slice(start, start + 8);
    if (this.pending.includes('\u0000') || head.startsWith('PK\u0003\u0004')) {
      const workbook = head.startsWith('PK') ? ' It looks like an Excel workbook: save it as "CSV UTF-8" and import that.' : '';
      throw new CatalogFileError(`This is not a text file, so it cannot be a product list.${workbook} Supported: ${SUPPORTED_FORMATS}.`);
    }
    if (head.startsWith('<')) {
      this.startXml();
      return;
    }
    if (head.startsWith('{') || head.startsWith('[')) {
      throw new CatalogFileError(`This looks like a JSON file, which cannot be imported. Supported: ${SUPPORTED_FORMATS}.`);
    }
    this.startCsv(atEnd);
  }

  private startXml(): void {
    if (this.options.format !== 'auto' && this.options.format !== 'google') {
      throw new CatalogFileError(
        `This is an XML file; only Google Merchant Center feeds can be imported as XML, not as ${this.options.format}.`,
      );
    }
    this.mode = 'xml';
    this.format = 'google';
    this.detectedFormat = 'google';
    this.googleBuilder = new GoogleFeedBuilder(this.report, this.prices('.'));
    const builder = this.googleBuilder;
    this.xml = new GoogleXmlReader((item, line, problem) => {
      this.rows++;
      if (this.rows > MAX_ROWS) throw new CatalogFileError(tooManyRows(line));
      if (problem === undefined) builder.addItem(item, line);
      else this.report({ line, message: problem });
    }, this.report);
    this.headers = this.xml.attributeNames;
    const text = this.pending;
    this.pending = '';
    this.xml.push(text);
  }

  private startCsv(atEnd: boolean): void {
    // Skip blank lines above the header, counting them so line numbers stay true.
    let text = this.pending;
    let firstLine = 1;
    const blank = LEADING_BLANK_LINES.exec(text);
    if (blank) {
      firstLine += (blank[0].match(/\r\n|\n|\r/g) ?? []).length;
      text = text.slice(blank[0].length);
    }
    let headerLine = firstRecordText(text);
    if (headerLine === null) {
      if (!atEnd && text.length < MAX_HEADER_CHARS) return;
      headerLine = text;
    }
    let delimiter: string;
    const sep = SEP_HINT.exec(headerLine.trim());
    if (sep?.[1] !== undefined) {
      // Excel's "sep=;" first line names the delimiter and is not the header.
      delimiter = sep[1];
      const rest = text.slice(headerLine.length).replace(/^(?:\r\n|\n|\r)/, '');
      firstLine += 1;
      text = rest;
    } else {
      delimiter = detectDelimiter(headerLine);
    }
    this.pending = '';
    this.mode = 'csv';
    this.delimiter = delimiter;
    this.tokenizer = new CsvTokenizer({ delimiter, lenientQuotes: delimiter === '\t', firstLine }, (record) => this.onRecord(record));
    this.tokenizer.push(text);
  }

  private onRecord(record: CsvRecord): void {
    if (this.headers === null) {
      this.startImporter(record);
      return;
    }
    this.rows++;
    if (this.rows > MAX_ROWS) throw new CatalogFileError(tooManyRows(record.line));
    if (record.problem !== undefined) {
      this.report({ line: record.line, message: record.problem });
      return;
    }
    const fields = record.fields;
    if (fields.every((f) => f.trim() === '')) return;
    const width = this.headerWidth;
    if (fields.length > width && fields.slice(width).some((f) => f.trim() !== '')) {
      this.report({
        line: record.line,
        message: `the row has ${fields.length} values but the header has ${width} columns (a value probably contains an unquoted "${this.delimiter ?? ','}"); the row was skipped`,
      });
      return;
    }
    this.importer?.addRow(fields, record.line);
  }

  private startImporter(record: CsvRecord): void {
    if (record.columns !== undefined) {
      throw new CatalogFileError(tooManyColumns(record.line, record.columns));
    }
    if (record.problem !== undefined) {
      throw new CatalogFileError(`The header row (line ${record.line}) cannot be read: ${record.problem.split(';')[0] ?? ''}.`);
    }
    this.headerWidth = record.fields.length;
    const headers = record.fields.map((h) => h.replace(/^\uFEFF/, '').trim());
    while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
    this.headers = headers;
    const detected = detectCsvFormat(headers);
    this.detectedFormat = detected;
    const format = this.options.format === 'auto' ? detected : this.options.format;
    this.format = format;
    switch (format) {
      case 'shopify':
        this.importer = createShopifyImporter(headers, this.report, this.prices('.'));
        break;
      case 'woocommerce':
        this.importer = createWooCommerceImporter(headers, this.report, this.prices('.'));
        break;
      case 'google':
        this.importer = createGoogleTableImporter(headers, this.report, this.prices('.'));
        break;
      case 'csv':
        this.mapping = resolveMapping(headers, this.options.mapping);
        // A semicolon-separated file comes from a locale that writes "1.299,00"; any other learns its mark from its cells.
        this.importer = this.genericImporter(headers, this.mapping);
        break;
    }
  }
}
