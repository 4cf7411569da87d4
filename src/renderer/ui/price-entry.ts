import type { Money } from '../../shared/domain/catalog.js';
import { formatMoney, localeUsesDecimalComma, parseMoneyWithCurrency } from '../../shared/domain/money.js';

/**
 * A price as the host types it in the studio ("1.299,00 €", "$1,299.00",
 * "19,99"), read in the host's locale: in de-DE "1,299" is 1.299, in en-US
 * it is 1299. The form shows what it read ("Reads as $1,299.00") or why it
 * cannot, and sends main the canonical amount ("1299.00"), so main never
 * has to guess the host's convention.
 */
export type PriceEntry =
  | { readonly kind: 'empty' }
  | { readonly kind: 'ok'; readonly value: Money; readonly reading: string }
  | { readonly kind: 'bad'; readonly message: string };

export function readPriceEntry(text: string, currency: string | null, locale: string = navigator.language): PriceEntry {
  const { result, currency: named } = parseMoneyWithCurrency(text, {
    decimalComma: localeUsesDecimalComma(locale),
    storeCurrency: currency ?? '',
  });
  if (!result.ok) {
    if (result.reason === 'empty') return { kind: 'empty' };
    if (result.reason === 'negative') return { kind: 'bad', message: 'A price cannot be below zero.' };
    const example = formatMoney('1299.00', null, locale);
    return { kind: 'bad', message: `“${text.trim()}” is not a price. Type it like ${example}.` };
  }
  if (named !== null && currency !== null && named !== currency.toUpperCase()) {
    return { kind: 'bad', message: `This product is priced in ${currency.toUpperCase()}, not ${named}: type the price in ${currency.toUpperCase()}.` };
  }
  return { kind: 'ok', value: result.value, reading: `Reads as ${formatMoney(result.value, currency ?? named, locale)}` };
}
