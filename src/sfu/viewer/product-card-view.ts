import type { ProductCard } from '../../shared/sfu/product-card.js';
import { compareAtText, formatPrice, safeBuyUrl, safeImageUrl, stockText } from './card-format.js';

/**
 * Runs in the viewer's browser. Renders the pinned product into the card
 * element. Product data is untrusted: every string goes through textContent
 * or a checked URL attribute, never through HTML.
 */
export class ProductCardView {
  private shownProductId: string | null = null;

  constructor(private readonly root: HTMLElement) {}

  render(card: ProductCard | null): void {
    if (!card) {
      this.root.hidden = true;
      this.root.classList.remove('is-shown');
      this.shownProductId = null;
      return;
    }
    this.root.replaceChildren(this.build(card));
    this.root.hidden = false;
    this.root.dataset.productId = card.productId;
    // Animate only when a different product is pinned, not on a stock or price update.
    if (this.shownProductId !== card.productId) {
      this.root.classList.remove('is-shown');
      void this.root.offsetWidth; // restart the CSS transition
      this.root.classList.add('is-shown');
    }
    this.shownProductId = card.productId;
  }

  private build(card: ProductCard): DocumentFragment {
    const fragment = document.createDocumentFragment();
    const image = safeImageUrl(card.imageUrl);
    if (image) {
      const img = el('img', 'card-image');
      img.src = image;
      img.alt = card.title;
      img.referrerPolicy = 'no-referrer';
      img.decoding = 'async';
      img.addEventListener('error', () => img.remove(), { once: true });
      fragment.append(img);
    }
    const body = el('div', 'card-body');
    body.append(text('h2', 'card-title', card.title, 'pin-title'));
    if (card.variantTitle) body.append(text('p', 'card-variant', card.variantTitle));

    const prices = el('p', 'card-prices');
    if (card.price !== null) prices.append(text('span', 'card-price', formatPrice(card.price, card.currency), 'pin-price'));
    const was = compareAtText(card);
    if (was) {
      const del = text('del', 'card-compare-at', was, 'pin-compare-at');
      del.setAttribute('aria-label', `Was ${was}`);
      prices.append(' ', del);
    }
    if (prices.childNodes.length > 0) body.append(prices);

    const stock = stockText(card.stock);
    if (stock) {
      const p = text('p', 'card-stock', stock, 'pin-stock');
      if (card.stock !== null && card.stock <= 10) p.classList.add(card.stock === 0 ? 'is-sold-out' : 'is-low');
      body.append(p);
    }
    fragment.append(body);

    const buyUrl = safeBuyUrl(card.buyUrl);
    if (card.stock === 0) {
      const soldOut = text('span', 'card-buy is-disabled', 'Sold out');
      soldOut.setAttribute('aria-disabled', 'true');
      fragment.append(soldOut);
    } else if (buyUrl) {
      const buy = text('a', 'card-buy', 'Buy now', 'pin-buy');
      buy.href = buyUrl;
      buy.target = '_blank';
      // noopener: the shop's tab gets no handle on this one; noreferrer: the watch URL stays private.
      buy.rel = 'noopener noreferrer';
      fragment.append(buy);
    }
    return fragment;
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  return node;
}

function text<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  content: string,
  testId?: string,
): HTMLElementTagNameMap[K] {
  const node = el(tag, className);
  node.textContent = content;
  if (testId) node.dataset.testid = testId;
  return node;
}
