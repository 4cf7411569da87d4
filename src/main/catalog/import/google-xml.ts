/**
 * Google Merchant Center XML feeds, read with a streaming SAX parser: RSS 2.0
 * (<rss><channel><item><g:id>…) and Atom (<feed><entry>…). Each direct child
 * of an item is an attribute; the "g:" prefix is dropped, so RSS's own
 * <title>/<link>/<description> and <g:title> are the same thing. Nested
 * elements (<g:shipping><g:price>) are skipped so they never shadow the
 * item's own price. Items go to GoogleFeedBuilder one by one.
 *
 * The CSV limits hold here too: a value over 1 MiB or an item with more
 * than 1,000 values is skipped (reported on its line, its text not kept),
 * and a feed with more than 1,000 different attributes is refused.
 */
import sax from 'sax';
import { CatalogFileError, SUPPORTED_FORMATS } from './catalog-file-error.js';
import { MAX_COLUMNS, MAX_FIELD_CHARS, tooManyAttributes, tooManyValues, valueTooLong } from './limits.js';
import { type GoogleItem, googleAttributeName } from './google-feed.js';
import type { ReportRowError } from './product-draft.js';

const FEED_ROOTS = new Set(['rss', 'feed', 'rdf:rdf', 'channel']);
const ITEM_ELEMENTS = new Set(['item', 'entry']);
/** Past this many XML syntax problems the rest are not listed one by one. */
const MAX_REPORTED_XML_ERRORS = 20;

export class GoogleXmlReader {
  private readonly parser: sax.SAXParser;
  private depth = 0;
  private item: GoogleItem | null = null;
  private itemLine = 0;
  private itemDepth = 0;
  private field: string | null = null;
  private fieldText = '';
  private fieldHref = '';
  /** Characters of the current value, counting any not kept past MAX_FIELD_CHARS. */
  private fieldChars = 0;
  /** Values in the current item. */
  private itemValues = 0;
  /** Why the current item will be skipped (a limit it passed), if it will. */
  private itemProblem: string | null = null;
  private xmlErrors = 0;
  /** Attribute names in order of first appearance: the "headers" shown in the preview. */
  readonly attributeNames: string[] = [];
  private readonly seenNames = new Set<string>();

  constructor(
    /** Every item, in order; `problem` says why it must be skipped (its values are then not kept). */
    private readonly onItem: (item: GoogleItem, line: number, problem?: string) => void,
    private readonly report: ReportRowError,
  ) {
    // Non-strict mode tolerates the HTML entities (&nbsp;) and sloppy markup real feeds contain.
    const parser = sax.parser(false, { lowercase: true, trim: false, normalize: false });
    parser.onopentag = (tag) => this.open(tag);
    parser.onclosetag = () => this.close();
    parser.ontext = (text) => this.text(text);
    parser.oncdata = (text) => this.text(text);
    parser.onerror = (error) => {
      this.xmlErrors++;
      if (this.xmlErrors <= MAX_REPORTED_XML_ERRORS) {
        const reason = error.message.split('\n')[0] ?? 'syntax error';
        this.report({ line: parser.line + 1, message: `the XML is broken here (${reason})` });
      }
      parser.error = null as unknown as Error;
      parser.resume();
    };
    this.parser = parser;
  }

  push(text: string): void {
    this.parser.write(text);
  }

  end(): void {
    this.parser.close();
  }

  private open(tag: sax.Tag | sax.QualifiedTag): void {
    this.depth++;
    const name = tag.name;
    if (this.depth === 1 && !FEED_ROOTS.has(name)) {
      throw new CatalogFileError(
        `This XML file is not a Google Merchant Center feed (it starts with <${name}>, not <rss> or <feed>). Supported: ${SUPPORTED_FORMATS}.`,
      );
    }
    if (this.item === null) {
      if (ITEM_ELEMENTS.has(name)) {
        this.item = new Map();
        this.itemLine = this.parser.line + 1;
        this.itemDepth = this.depth;
        this.itemValues = 0;
        this.itemProblem = null;
      }
      return;
    }
    if (this.depth === this.itemDepth + 1) {
      this.field = googleAttributeName(name);
      this.fieldText = '';
      this.fieldChars = 0;
      // Atom writes the product page as <link href="…"/>.
      const href = (tag.attributes as Record<string, unknown>)['href'];
      this.fieldHref = typeof href === 'string' ? href : '';
    }
  }

  private close(): void {
    if (this.item !== null) {
      if (this.depth === this.itemDepth) {
        const item = this.item;
        this.item = null;
        if (this.itemProblem === null) this.onItem(item, this.itemLine);
        else this.onItem(new Map(), this.itemLine, this.itemProblem);
      } else if (this.depth === this.itemDepth + 1 && this.field !== null) {
        const value = (this.fieldText.trim() || this.fieldHref).trim();
        if (this.fieldChars > MAX_FIELD_CHARS) this.skipItem(valueTooLong(this.fieldChars, 'item'));
        else if (value !== '') this.addValue(this.field, value);
        this.field = null;
      }
    }
    this.depth--;
  }

  private text(text: string): void {
    if (this.field === null || this.depth !== this.itemDepth + 1) return;
    this.fieldChars += text.length;
    if (this.fieldChars <= MAX_FIELD_CHARS && this.itemProblem === null) this.fieldText += text;
    else this.fieldText = '';
  }

  /** The item passed a limit: it will be reported, and nothing more of it is kept. */
  private skipItem(problem: string): void {
    this.itemProblem ??= problem;
    this.item?.clear();
  }

  private addValue(name: string, value: string): void {
    const item = this.item;
    if (item === null || this.itemProblem !== null) return;
    this.itemValues++;
    if (this.itemValues > MAX_COLUMNS) {
      this.skipItem(tooManyValues(MAX_COLUMNS, 'item'));
      return;
    }
    const values = item.get(name);
    if (values) values.push(value);
    else item.set(name, [value]);
    if (!this.seenNames.has(name)) {
      if (this.seenNames.size >= MAX_COLUMNS) {
        throw new CatalogFileError(tooManyAttributes(this.parser.line + 1));
      }
      this.seenNames.add(name);
      this.attributeNames.push(name);
    }
  }
}
