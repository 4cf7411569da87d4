import type { ReplayPin } from '../../shared/replay/replay-timeline.js';
import { formatPrice, safeBuyUrl } from '../viewer/card-format.js';
import { el, text } from './dom.js';

export const WAS_ON_DEAL_TEXT = 'Was on deal during the show';
export const UNAVAILABLE_TEXT = 'No longer in the shop';

/**
 * The product card of the replay: the pin on screen at the video's time,
 * with the price a viewer pays now (never the show's deal price: a deal is
 * only "Was on deal during the show"), and Buy to the shop. Product data is
 * untrusted: text through textContent, the picture only from the folder,
 * the link only https.
 */
export class ReplayCardView {
  private shown: ReplayPin | null = null;

  constructor(private readonly root: HTMLElement) {}

  /** Shows this pin's card (null: none). The same pin again changes nothing. */
  render(pin: ReplayPin | null): void {
    if (pin === this.shown) return;
    const changedProduct = pin?.product.key !== this.shown?.product.key;
    this.shown = pin;
    if (!pin) {
      this.root.hidden = true;
      this.root.classList.remove('is-shown');
      this.root.replaceChildren();
      delete this.root.dataset.productKey;
      return;
    }
    this.root.replaceChildren(build(pin));
    this.root.dataset.productKey = pin.product.key;
    this.root.hidden = false;
    if (changedProduct) {
      this.root.classList.remove('is-shown');
      void this.root.offsetWidth; // restart the CSS transition
    }
    this.root.classList.add('is-shown');
  }
}

function build(pin: ReplayPin): DocumentFragment {
  const { product } = pin;
  const fragment = document.createDocumentFragment();
  if (product.image) {
    const img = el('img', 'card-image');
    img.src = product.image;
    img.alt = product.title;
    img.decoding = 'async';
    img.addEventListener('error', () => img.remove(), { once: true });
    fragment.append(img);
  }
  const body = el('div', 'card-body');
  body.append(text('h2', 'card-title', product.title, 'replay-card-title'));
  if (product.variant) body.append(text('p', 'card-variant', product.variant, 'replay-card-variant'));
  if (product.available && product.price !== null) {
    const prices = el('p', 'card-prices');
    prices.append(text('span', 'card-price', formatPrice(product.price, product.currency, navigator.language), 'replay-card-price'));
    if (product.compareAtPrice !== null) {
      const was = formatPrice(product.compareAtPrice, product.currency, navigator.language);
      const del = text('del', 'card-compare-at', was);
      del.setAttribute('aria-label', `Was ${was}`);
      prices.append(' ', del);
    }
    body.append(prices);
  }
  if (!product.available) body.append(text('p', 'card-note', UNAVAILABLE_TEXT, 'replay-card-unavailable'));
  else if (pin.wasOnDeal) body.append(text('p', 'card-deal-was', WAS_ON_DEAL_TEXT, 'replay-card-deal'));
  fragment.append(body);

  const buyUrl = product.available ? safeBuyUrl(product.buyUrl) : null;
  if (buyUrl) {
    const buy = text('a', 'card-buy', 'Buy now', 'replay-card-buy');
    buy.href = buyUrl;
    buy.target = '_blank';
    // noopener: the shop's tab gets no handle on this one; noreferrer: where the replay is hosted stays private.
    buy.rel = 'noopener noreferrer';
    fragment.append(buy);
  }
  return fragment;
}
