import type { ProductDetail } from '../../shared/domain/catalog.js';
import { compareMoney, formatMoney, isMoney } from '../../shared/domain/money.js';
import { currencyOf, regularPrice } from '../claims/claim-units.js';
import type { CheckoutLine } from './checkout-lines.js';

/**
 * Why a line must stay out of a store link, or null: a cart permalink or an
 * add-to-cart link makes the store charge its own catalog price, so a claim
 * made at another price (a flash deal, a winning auction bid) would be
 * charged wrongly. Compared with the product's regular price now (at send
 * time). A deal or auction claim whose regular price is unknown is held too.
 */
export function priceHeldReason(line: CheckoutLine, product: ProductDetail, locale?: string): string | null {
  const paid = line.pricePaid;
  if (paid === null || !isMoney(paid)) return null;
  const variant = line.variantId === null ? null : (product.variants.find((v) => v.id === line.variantId) ?? null);
  const regular = regularPrice(product, variant);
  if (regular === null ? line.priceSource === null : compareMoney(paid, regular) === 0) return null;
  const currency = line.currency ?? currencyOf(product);
  const money = (m: string) => (isMoney(m) ? formatMoney(m, currency, locale) : m);
  const claimed = line.priceSource === 'auction' ? `won at auction for ${money(paid)}` : `claimed at ${money(paid)}${line.priceSource === 'deal' ? ' (flash deal)' : ''}`;
  const store = regular === null ? 'the store would charge its own price' : `the store would charge ${money(regular)}`;
  const what = line.priceSource === 'auction' ? 'send this buyer a draft order for the winning bid' : 'send this buyer a discount or a draft order';
  return `${claimed} — ${store}: ${what}.`;
}
