import type { ProductDetail } from '../../shared/domain/catalog.js';
import type { StoreSettings } from '../../shared/domain/store-settings.js';
import { buildCartLinks, type CartItem } from '../store/buy-links.js';
import type { CheckoutLine, CheckoutLinker, LinkedLines } from './checkout-lines.js';
import { lineLabel } from './checkout-lines.js';
import { priceHeldReason } from './checkout-price.js';

export const NO_PRODUCT = 'This product is no longer in the catalog.';
export const NO_BUY_LINK =
  'This product has no Buy link: give it its own link, or import it from your store’s export (with its IDs) and set the store in Settings → Store.';

export interface StoreCheckoutDeps {
  readonly store: () => Pick<StoreSettings, 'platform' | 'url'>;
  readonly findProduct: (productId: number) => ProductDetail | null;
  /** The host's locale for the prices in a reason (default: the process's). */
  readonly locale?: string;
}

/**
 * One buyer's links from the store settings and the Buy-link builder
 * (src/main/store/buy-links.ts): on Shopify one cart permalink for every
 * item with a variant ID (`/cart/111:1,222:2`); every other item its own
 * link (a WooCommerce add-to-cart, the product's own link); an item with no
 * link is reported with why. A claim whose price (a flash deal, a winning
 * bid) is not the store's regular price at send time goes into no link —
 * the store would charge its own price — and is reported with what to do.
 */
export function storeCheckoutLinker(deps: StoreCheckoutDeps): CheckoutLinker {
  return (lines, show): LinkedLines => {
    const notLinked: LinkedLines['notLinked'][number][] = [];
    const items: (CartItem & { readonly line: CheckoutLine })[] = [];
    for (const line of lines) {
      const product = deps.findProduct(line.productId);
      const held = product === null ? null : priceHeldReason(line, product, deps.locale);
      if (product === null) notLinked.push({ line, reason: NO_PRODUCT, kind: 'no-link' });
      else if (held !== null) notLinked.push({ line, reason: held, kind: 'price' });
      else items.push({ product, variantId: line.variantId, quantity: line.quantity, line });
    }
    const built = buildCartLinks(deps.store(), items, show);
    const links = [];
    if (built.cart !== null) {
      const inCart = built.cart.items.map((item) => lineOf(items, item));
      const units = inCart.reduce((n, line) => n + line.quantity, 0);
      links.push({ url: built.cart.url, label: `Your cart: ${units} ${units === 1 ? 'item' : 'items'}`, claimIds: inCart.flatMap((line) => line.claimIds) });
    }
    for (const { item, link } of built.perItem) {
      const line = lineOf(items, item);
      if (link === null) notLinked.push({ line, reason: NO_BUY_LINK, kind: 'no-link' });
      else links.push({ url: link.url, label: lineLabel(line), claimIds: line.claimIds });
    }
    return { links, notLinked };
  };
}

function lineOf(items: readonly (CartItem & { readonly line: CheckoutLine })[], item: CartItem): CheckoutLine {
  return items.find((i) => i === item)!.line;
}
