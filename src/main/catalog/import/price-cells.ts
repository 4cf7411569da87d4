/**
 * Reading the price cells of one file: the amount, the currency the cell
 * names ("€24.00", "24.00 EUR"), and the file's decimal mark.
 *
 * A lone mark before exactly three digits ("1,299", "1.299") is 1299 in one
 * convention and 1.299 in the other. The file shows its convention in other
 * cells ("19,99", "1,299.00"); until it has, such a cell is reported on its
 * line instead of guessed. A known export format (Shopify, WooCommerce,
 * Google) writes "." as its decimal mark, and a semicolon-separated file
 * comes from a locale that writes "1.299,00": those start with a convention.
 * Some cells decide by themselves (see parseMoneyWithCurrency): a currency
 * without cents ("¥1,500", "₩25,000", or a bare "1,500" when the store sells
 * in yen) and a "," after a symbol written with a "." mark ("$1,299").
 * The generic CSV holds rows back until the mark is known (deferred-rows.ts),
 * so the answer does not depend on row order.
 */
import type { Money } from '../../../shared/domain/catalog.js';
import { decimalMarkShownBy, hasAmbiguousMark, parseMoneyWithCurrency } from '../../../shared/domain/money.js';
import { type Problems, quoteCell } from './cell-values.js';

export interface PriceCellOptions {
  /** The file's decimal mark when its format fixes it; null: learn it from the cells. */
  readonly decimalMark: ',' | '.' | null;
  /** settings.store.currency ('' for none): which dollar a bare "$" is (see parseMoneyWithCurrency). */
  readonly storeCurrency: string;
}

export interface PriceCell {
  readonly amount: Money | null;
  /** The ISO code the cell names, or null. */
  readonly currency: string | null;
}

export class PriceCells {
  private decimalMark: ',' | '.' | null;
  private readonly storeCurrency: string;

  constructor(options: PriceCellOptions = { decimalMark: null, storeCurrency: '' }) {
    this.decimalMark = options.decimalMark;
    this.storeCurrency = options.storeCurrency;
  }

  /** Whether the file's decimal mark is known (fixed by the format or shown by a cell). */
  get markKnown(): boolean {
    return this.decimalMark !== null;
  }

  /** Learns the decimal mark from a price cell before its row is read (rows held back, see deferred-rows.ts). */
  learn(raw: string): void {
    if (raw !== '') this.decimalMark ??= decimalMarkShownBy(raw);
  }

  /** True when reading the cell now might refuse it as ambiguous (the mark is not known yet). */
  mightBeAmbiguous(raw: string): boolean {
    if (this.decimalMark !== null || !hasAmbiguousMark(raw)) return false;
    const { result } = parseMoneyWithCurrency(raw, { refuseAmbiguous: true, storeCurrency: this.storeCurrency });
    return !result.ok && result.reason === 'ambiguous';
  }

  /** A price cell: null when blank; on a bad value a message such as `price "abc" is not a number` joins `problems`. */
  read(raw: string, label: string, problems: Problems): PriceCell {
    if (raw === '') return { amount: null, currency: null };
    this.decimalMark ??= decimalMarkShownBy(raw);
    const { result, currency } = parseMoneyWithCurrency(raw, {
      decimalComma: this.decimalMark === ',',
      refuseAmbiguous: this.decimalMark === null,
      storeCurrency: this.storeCurrency,
    });
    if (result.ok) return { amount: result.value, currency };
    if (result.reason === 'negative') problems.push(`${label} ${quoteCell(raw)} is below zero`);
    else if (result.reason === 'ambiguous') problems.push(ambiguousMessage(label, raw));
    else problems.push(`${label} ${quoteCell(raw)} is not a number`);
    return { amount: null, currency: null };
  }
}

function ambiguousMessage(label: string, raw: string): string {
  const digits = raw.replace(/[^\d.,]/g, '');
  const [whole = '', part = ''] = digits.split(/[.,]/);
  return (
    `${label} ${quoteCell(raw)} could be ${whole}${part} or ${whole}.${part}, and the file does not show which yet; ` +
    `write it with its cents ("${whole},${part}.00" or "${whole}.${part},00") so it reads one way only`
  );
}
