/**
 * Exact money arithmetic on decimal strings. Runs everywhere (pure TS).
 *
 * A `Money` value is a canonical decimal string in major units: digits, an
 * optional "." and fraction digits — "19.99", "20", "1299.00", "0.5".
 * Canonical means: no sign, no thousands separators, no currency, no leading
 * zeros in the integer part (but "0.50" keeps its "0"). The fraction is kept
 * exactly as the seller wrote it ("19.90" stays "19.90", "20" stays "20"),
 * because the number of decimals depends on the currency (JPY has none) and
 * the parser does not know the currency. Compare with `compareMoney`, never
 * with `===`. No binary floats are used anywhere: arithmetic runs on BigInt
 * integers scaled by 10^decimals.
 */
import type { Money } from './catalog.js';

export type ParseMoneyResult =
  | { readonly ok: true; readonly value: Money }
  | { readonly ok: false; readonly reason: 'empty' | 'negative' | 'not-a-number' | 'ambiguous' };

export interface ParseMoneyOptions {
  /**
   * The text comes from a locale that writes "1.299,00": a lone "," is the
   * decimal mark and a lone "." followed by three digits groups thousands.
   * Without it, a lone "," followed by exactly three digits ("1,299") is
   * read as thousands and anything else decides by itself ("19,99").
   */
  readonly decimalComma?: boolean;
  /**
   * Refuse ("ambiguous") a lone mark before exactly three digits ("1,299",
   * "1.299") instead of reading it by `decimalComma`: an import whose file
   * has not shown its convention yet reports the line rather than guess.
   */
  readonly refuseAmbiguous?: boolean;
  /**
   * The seller's store currency ('' or absent: none). A bare "$" means it
   * when it is a dollar currency (CAD, AUD…), else USD; a bare "¥" means it
   * when it is JPY or CNY, else JPY.
   */
  readonly storeCurrency?: string;
}

// Compiled once: parsing runs for every row of a 100,000-row import.
/** Prefixed dollars first ("US$", "CA$"), then single symbols. "¢" is not here: "99¢" is not 99. */
const CURRENCY_SYMBOLS = /\b(?:US|CA|AU|NZ|HK|S|R|NT|MX|C|A)\$|[$€£¥₹₩₽₺₫₪฿₱₦₴₡₲₵₸₭₮]/gu;
/** Symbols that name one currency only. "$" and "¥" are resolved with the store currency (see ParseMoneyOptions). */
const SYMBOL_CURRENCY: Readonly<Record<string, string>> = {
  'US$': 'USD', 'CA$': 'CAD', 'C$': 'CAD', 'AU$': 'AUD', 'A$': 'AUD', 'NZ$': 'NZD', 'HK$': 'HKD', 'S$': 'SGD',
  'R$': 'BRL', 'NT$': 'TWD', 'MX$': 'MXN', '€': 'EUR', '£': 'GBP', '₹': 'INR', '₩': 'KRW', '₽': 'RUB', '₺': 'TRY',
  '₫': 'VND', '₪': 'ILS', '฿': 'THB', '₱': 'PHP', '₦': 'NGN', '₴': 'UAH', '₡': 'CRC', '₲': 'PYG', '₵': 'GHS',
  '₸': 'KZT', '₭': 'LAK', '₮': 'MNT',
};
const DOLLAR_CURRENCIES = new Set(['USD', 'CAD', 'AUD', 'NZD', 'HKD', 'SGD', 'MXN', 'TWD', 'BRL', 'ARS', 'CLP', 'COP']);
const ISO_CODE_AT_EDGE = /^([A-Za-z]{3})\s*(?=[\d.,])|(?<=[\d.,])\s*([A-Za-z]{3})$/;
const GROUP_SPACES = /[\s\u00a0\u202f\u2009']/g;
const ONLY_DIGITS_AND_MARKS = /^[\d.,]+$/;
const THREE_DIGIT_GROUPS = /^\d{1,3}(?:[.,]\d{3})*$/;

/**
 * Reads a price the way a seller types it: "19.99", "$19.99", "1,299.00",
 * "1.299,00", "19,99", "  20 ", "€ 5", "15.00 USD". Refuses negatives,
 * "abc", "NaN", exponents and empty text.
 */
export function parseMoney(text: string, options: ParseMoneyOptions = {}): ParseMoneyResult {
  return parseMoneyWithCurrency(text, options).result;
}

/**
 * Like `parseMoney`, and also returns the currency the text names: an ISO
 * code beside the amount ("15.00 USD", "EUR 5") or a symbol ("€24.00",
 * "£5", "$5" — see ParseMoneyOptions.storeCurrency); null when it names none.
 */
export function parseMoneyWithCurrency(
  text: string,
  options: ParseMoneyOptions = {},
): { readonly result: ParseMoneyResult; readonly currency: string | null } {
  let s = text.trim();
  if (s === '') return { result: { ok: false, reason: 'empty' }, currency: null };
  let currency: string | null = null;
  const code = ISO_CODE_AT_EDGE.exec(s);
  if (code) {
    currency = (code[1] ?? code[2] ?? '').toUpperCase();
    s = s.slice(0, code.index) + s.slice(code.index + code[0].length);
  }
  s = s.replace(CURRENCY_SYMBOLS, (symbol) => {
    currency ??= symbolCurrency(symbol, options.storeCurrency ?? '');
    return '';
  });
  s = s.replace(GROUP_SPACES, '');
  if (s.startsWith('-') || s.endsWith('-') || (s.startsWith('(') && s.endsWith(')'))) {
    return { result: { ok: false, reason: 'negative' }, currency };
  }
  if (s.startsWith('+')) s = s.slice(1);
  if (!ONLY_DIGITS_AND_MARKS.test(s) || !/\d/.test(s)) return { result: { ok: false, reason: 'not-a-number' }, currency };
  if (isAmbiguousMark(s)) {
    if (readsAsThousands(s, currency, options)) return { result: { ok: true, value: canonical(s.replace(/[.,]/, '')) }, currency };
    if (options.refuseAmbiguous === true) return { result: { ok: false, reason: 'ambiguous' }, currency };
  }
  const normalized = normalizeSeparators(s, options.decimalComma === true);
  if (normalized === null) return { result: { ok: false, reason: 'not-a-number' }, currency };
  return { result: { ok: true, value: canonical(normalized) }, currency };
}

function symbolCurrency(symbol: string, storeCurrency: string): string {
  const store = storeCurrency.toUpperCase();
  if (symbol === '$') return DOLLAR_CURRENCIES.has(store) ? store : 'USD';
  if (symbol === '¥') return store === 'CNY' ? 'CNY' : 'JPY';
  return SYMBOL_CURRENCY[symbol] ?? 'USD';
}

const SINGLE_MARK_THREE_DIGITS = /^[1-9]\d{0,2}[.,]\d{3}$/;

/** "1,299" or "1.299": thousands in one convention, three decimals in the other. */
function isAmbiguousMark(s: string): boolean {
  return SINGLE_MARK_THREE_DIGITS.test(s);
}

/**
 * Currencies whose symbol or code, written in the cell, implies the "." decimal
 * mark ("$1,299", "£1,299", "1,299 USD" are 1299): the dollars written with a
 * "$", the pound, yen, yuan, won and rupee. The euro and others are written
 * both ways, so they tell nothing.
 */
const DOT_DECIMAL_CURRENCIES = new Set(['USD', 'CAD', 'AUD', 'NZD', 'HKD', 'SGD', 'TWD', 'MXN', 'GBP', 'JPY', 'CNY', 'KRW', 'INR']);
const minorDigitsCache = new Map<string, number | null>();

/** How many decimals the currency uses (JPY 0, USD 2), or null when unknown. */
export function currencyFractionDigits(currency: string): number | null {
  const code = currency.toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) return null;
  let digits = minorDigitsCache.get(code);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? null;
    } catch {
      digits = null;
    }
    minorDigitsCache.set(code, digits);
  }
  return digits;
}

/**
 * Whether the ambiguous "1,299" / "1.299" is surely 1299: the price's currency
 * (the one the cell names, else the store's) has no minor units ("¥1,500",
 * "₩25,000", "1.500" yen), or, while the file's mark is not known, the cell
 * names a currency written with a "." decimal mark and the mark is a ",".
 */
function readsAsThousands(s: string, named: string | null, options: ParseMoneyOptions): boolean {
  const currency = named ?? (options.storeCurrency ?? '');
  if (currency !== '' && currencyFractionDigits(currency) === 0) return true;
  return options.refuseAmbiguous === true && named !== null && s.includes(',') && DOT_DECIMAL_CURRENCIES.has(named);
}

/** True when the price text is "1,299" or "1.299" (any currency around it): its decimal mark is not shown. */
export function hasAmbiguousMark(text: string): boolean {
  const s = text.replace(CURRENCY_SYMBOLS, '').replace(/[A-Za-z]/g, '').replace(GROUP_SPACES, '');
  return isAmbiguousMark(s);
}

/**
 * What a price written in a file tells about the file's decimal mark:
 * "19,99" and "1.299,00" say ",", "19.99" and "1,299.00" say ".", while
 * "20" or the ambiguous "1,299" say nothing (null).
 */
export function decimalMarkShownBy(text: string): ',' | '.' | null {
  const s = text.replace(CURRENCY_SYMBOLS, '').replace(/[A-Za-z]/g, '').replace(GROUP_SPACES, '');
  if (!ONLY_DIGITS_AND_MARKS.test(s) || isAmbiguousMark(s)) return null;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) return lastDot > lastComma ? '.' : ',';
  const mark = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
  if (mark === null || s.split(mark).length > 2) return null;
  return mark;
}

/** True when the locale writes "19,99" (de-DE, fr-FR…), so a host typing "1,299" there means 1.299. */
export function localeUsesDecimalComma(locale?: string): boolean {
  try {
    return new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value === ',';
  } catch {
    return false;
  }
}

/** Turns "1.299,00" / "1,299.00" / "19,99" into "1299.00" / "1299.00" / "19.99", or null when the marks make no sense. */
function normalizeSeparators(s: string, decimalComma: boolean): string | null {
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    // Both marks: the one written last is the decimal mark, the other groups thousands.
    const decimalAt = Math.max(lastDot, lastComma);
    const intPart = s.slice(0, decimalAt);
    const fraction = s.slice(decimalAt + 1);
    if (!THREE_DIGIT_GROUPS.test(intPart) || !/^\d*$/.test(fraction)) return null;
    const groupMark = decimalAt === lastDot ? ',' : '.';
    if (intPart.includes(decimalAt === lastDot ? '.' : ',')) return null;
    return joinParts(intPart.split(groupMark).join(''), fraction);
  }
  const mark = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
  if (mark === null) return s;
  const parts = s.split(mark);
  if (parts.length > 2) {
    // "1,299,000" or "1.299.000": only thousands grouping makes sense.
    return THREE_DIGIT_GROUPS.test(s) ? parts.join('') : null;
  }
  const [intPart = '', fraction = ''] = parts;
  const looksLikeThousands = fraction.length === 3 && intPart.length > 0 && intPart.length <= 3 && intPart !== '0';
  // A single mark followed by exactly three digits is the ambiguous case:
  // "1,299" is thousands in English, "1.299" is thousands in German.
  const isThousands = looksLikeThousands && (mark === ',' ? !decimalComma : decimalComma);
  if (isThousands) return intPart + fraction;
  return joinParts(intPart, fraction);
}

function joinParts(intPart: string, fraction: string): string | null {
  if (intPart === '' && fraction === '') return null;
  return fraction === '' ? intPart || '0' : `${intPart || '0'}.${fraction}`;
}

function canonical(decimal: string): Money {
  const [intPart = '0', fraction] = decimal.split('.');
  const int = intPart.replace(/^0+(?=\d)/, '');
  return fraction === undefined ? int : `${int}.${fraction}`;
}

const MONEY_PATTERN = /^\d+(?:\.\d+)?$/;

/** True for a canonical money string as produced by `parseMoney`. */
export function isMoney(value: string): value is Money {
  return MONEY_PATTERN.test(value);
}

interface Scaled {
  readonly units: bigint;
  readonly scale: number;
}

function toScaled(m: Money): Scaled {
  if (!isMoney(m)) throw new RangeError(`Not a money value: "${m}"`);
  const [intPart = '0', fraction = ''] = m.split('.');
  return { units: BigInt(intPart + fraction), scale: fraction.length };
}

function rescale(s: Scaled, scale: number): bigint {
  return s.units * 10n ** BigInt(scale - s.scale);
}

function fromScaled(units: bigint, scale: number): Money {
  const digits = units.toString().padStart(scale + 1, '0');
  if (scale === 0) return digits;
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** -1, 0 or 1; "20" equals "20.00". */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  const x = toScaled(a);
  const y = toScaled(b);
  const scale = Math.max(x.scale, y.scale);
  const d = rescale(x, scale) - rescale(y, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** Exact sum; keeps the larger number of decimals ("19.99" + "5" = "24.99"). */
export function addMoney(a: Money, b: Money): Money {
  const x = toScaled(a);
  const y = toScaled(b);
  const scale = Math.max(x.scale, y.scale);
  return fromScaled(rescale(x, scale) + rescale(y, scale), scale);
}

/** Exact price × quantity for a whole, non-negative quantity ("19.99" × 3 = "59.97"). */
export function multiplyMoney(m: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new RangeError(`Quantity must be a whole number ≥ 0, got ${quantity}`);
  const x = toScaled(m);
  return fromScaled(x.units * BigInt(quantity), x.scale);
}

export interface FormatMoneyOptions {
  /** "$10" rather than "$10.00" for a whole amount (auction bids read better that way). */
  readonly wholeWithoutCents?: boolean;
}

/**
 * The one way a price becomes text, everywhere (studio, watch page, replay,
 * OBS, chat notices): "$19.99", "19,99 €" (by locale), "¥1,500". `locale`:
 * the viewer's on the watch page (navigator.language), the host's in the
 * studio and in text main writes (undefined: the system's). Falls back to
 * "19.99 XYZ" when the currency code is unknown, and to the plain amount
 * (grouped by locale) when there is no currency. Intl formats the decimal
 * string exactly: no binary float on the way.
 */
export function formatMoney(m: Money, currency: string | null, locale?: string, options: FormatMoneyOptions = {}): string {
  const whole = options.wholeWithoutCents === true && /^\d+(?:\.0+)?$/.test(m);
  const exact = m as Intl.StringNumericLiteral;
  if (currency === null || currency === '') {
    const decimals = whole ? 0 : Math.min(m.split('.')[1]?.length ?? 0, 20);
    return numberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals })?.format(exact) ?? m;
  }
  const wholeDigits = whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {};
  const format = numberFormat(locale, { style: 'currency', currency, ...wholeDigits });
  return format === null ? `${m} ${currency}` : format.format(exact);
}

/** Intl.NumberFormat, or null when the currency code is unknown; an unknown locale falls back to the default one. */
function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat | null {
  try {
    return new Intl.NumberFormat(locale, options);
  } catch {
    try {
      return new Intl.NumberFormat(undefined, options);
    } catch {
      return null;
    }
  }
}

/** The currency a product is shown in: the one its file named, else the seller's store currency, else none. */
export function shownCurrency(productCurrency: string | null, storeCurrency: string): string | null {
  const own = productCurrency?.trim().toUpperCase() ?? '';
  if (own !== '') return own;
  const store = storeCurrency.trim().toUpperCase();
  return store === '' ? null : store;
}

/** The smaller of two amounts, returned as written (`a` when equal). */
export function minMoney(a: Money, b: Money): Money {
  return compareMoney(b, a) < 0 ? b : a;
}

/** The larger of two amounts, returned as written (`a` when equal). */
export function maxMoney(a: Money, b: Money): Money {
  return compareMoney(b, a) > 0 ? b : a;
}
