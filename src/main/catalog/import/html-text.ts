/**
 * Product descriptions arrive as HTML (Shopify "Body (HTML)", WooCommerce
 * "Description"). The studio keeps that HTML untouched but never renders it;
 * hosts and search see the plain text made here. This is a text extractor,
 * not a sanitizer or a parser: nothing is executed or resolved, script and
 * style contents are dropped, and unknown entities stay as written.
 */

// Compiled once: descriptions are converted for every product of a large import.
const DROPPED_BLOCKS = /<(script|style|template|noscript|head)\b[^>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[|\]\]>/gi;
const LINE_BREAK_TAGS = /<br\b[^>]*>|<\/?(?:p|div|h[1-6]|tr|ul|ol|table|section|article|blockquote|pre|hr|header|footer)\b[^>]*>/gi;
const LIST_ITEM = /<li\b[^>]*>/gi;
const TABLE_CELL_END = /<\/t[dh]\s*>/gi;
const ANY_TAG = /<\/?[a-zA-Z][^>]*>|<![^>]*>|<\?[^>]*>/g;
const ENTITY = /&(#\d{1,7}|#[xX][\da-fA-F]{1,6}|[a-zA-Z][a-zA-Z\d]{1,31});/g;
const SPACES = /[ \t\f\v\u00a0]+/g;
const RAW_NEWLINES = /\r\n?|\n/g;
const BLANK_RUNS = /\n{3,}/g;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ',
  ndash: '–', mdash: '—', hellip: '…', bull: '•', middot: '·',
  lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', laquo: '«', raquo: '»',
  copy: '©', reg: '®', trade: '™', deg: '°', plusmn: '±', times: '×', divide: '÷', micro: 'µ', para: '¶', sect: '§',
  frac12: '½', frac14: '¼', frac34: '¾', sup2: '²', sup3: '³',
  euro: '€', pound: '£', yen: '¥', cent: '¢', curren: '¤',
  iexcl: '¡', iquest: '¿', shy: '', zwj: '', zwnj: '', ensp: ' ', emsp: ' ', thinsp: ' ',
  agrave: 'à', aacute: 'á', acirc: 'â', atilde: 'ã', auml: 'ä', aring: 'å', aelig: 'æ', ccedil: 'ç',
  egrave: 'è', eacute: 'é', ecirc: 'ê', euml: 'ë', igrave: 'ì', iacute: 'í', icirc: 'î', iuml: 'ï',
  eth: 'ð', ntilde: 'ñ', ograve: 'ò', oacute: 'ó', ocirc: 'ô', otilde: 'õ', ouml: 'ö', oslash: 'ø',
  ugrave: 'ù', uacute: 'ú', ucirc: 'û', uuml: 'ü', yacute: 'ý', yuml: 'ÿ', szlig: 'ß', thorn: 'þ', oelig: 'œ',
  Agrave: 'À', Aacute: 'Á', Acirc: 'Â', Atilde: 'Ã', Auml: 'Ä', Aring: 'Å', AElig: 'Æ', Ccedil: 'Ç',
  Egrave: 'È', Eacute: 'É', Ecirc: 'Ê', Euml: 'Ë', Igrave: 'Ì', Iacute: 'Í', Icirc: 'Î', Iuml: 'Ï',
  ETH: 'Ð', Ntilde: 'Ñ', Ograve: 'Ò', Oacute: 'Ó', Ocirc: 'Ô', Otilde: 'Õ', Ouml: 'Ö', Oslash: 'Ø',
  Ugrave: 'Ù', Uacute: 'Ú', Ucirc: 'Û', Uuml: 'Ü', Yacute: 'Ý', THORN: 'Þ', OElig: 'Œ',
};

function decodeEntity(match: string, body: string): string {
  if (body.startsWith('#')) {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    // Refuse NUL, surrogates and out-of-range code points instead of producing broken strings.
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
    return String.fromCodePoint(code);
  }
  return NAMED_ENTITIES[body] ?? match;
}

/** Decodes HTML character references (named, decimal, hex) in plain text. */
export function decodeHtmlEntities(text: string): string {
  return text.includes('&') ? text.replace(ENTITY, decodeEntity) : text;
}

export interface HtmlToTextOptions {
  /**
   * Treat line breaks in the source as real line breaks. WordPress content
   * (WooCommerce) and Google feed descriptions use plain newlines for
   * paragraphs; in Shopify HTML they are only formatting.
   */
  readonly keepNewlines?: boolean;
}

/**
 * Plain text from an HTML description: tags stripped, entities decoded,
 * <br>, paragraphs and block elements turned into line breaks, list items
 * into "• " lines, runs of spaces collapsed, at most one blank line in a row.
 */
export function htmlToText(html: string, options: HtmlToTextOptions = {}): string {
  if (html === '') return '';
  let text = html.replace(RAW_NEWLINES, options.keepNewlines === true ? '\n' : ' ');
  if (text.includes('<')) {
    text = text
      .replace(DROPPED_BLOCKS, ' ')
      .replace(LIST_ITEM, '\n• ')
      .replace(LINE_BREAK_TAGS, '\n')
      .replace(TABLE_CELL_END, ' ')
      .replace(ANY_TAG, '');
  }
  text = decodeHtmlEntities(text);
  return text
    .split('\n')
    .map((line) => line.replace(SPACES, ' ').trim())
    .join('\n')
    .replace(BLANK_RUNS, '\n\n')
    .trim();
}
