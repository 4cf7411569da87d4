import type { ProductCard } from '../../shared/sfu/product-card.js';
import { compareAtText, dealView, formatPrice, safeBuyUrl, safeImageUrl, stockText, type DealView } from './card-format.js';
import { MEDIA_ROUTE_PREFIX } from '../../shared/media/media-id.js';

/** The countdown's refresh: four times a second, so the shown second never lags by much. */
const COUNTDOWN_TICK_MS = 250;

/**
 * Runs in the viewer's browser. Renders the pinned product into the card
 * element. Product data is untrusted: every string goes through textContent
 * or a checked URL attribute, never through HTML.
 */
export class ProductCardView {
  private shownProductId: string | null = null;
  private ticker: ReturnType<typeof setInterval> | null = null;

  private rendered: { readonly card: ProductCard | null; readonly serverOffset: number } | null = null;

  /**
   * `onBuy`: the embedded player (embed-bridge.ts) hears each Buy click
   * first; it may cancel the link's navigation (`event.preventDefault()`).
   */
  constructor(
    private readonly root: HTMLElement,
    private readonly onBuy?: (card: ProductCard, url: string, event: MouseEvent) => void,
  ) {}

  /** `serverOffset`: add to Date.now() for the SFU's clock, on which the deal's times are. */
  render(card: ProductCard | null, serverOffset = 0): void {
    // Status updates (the viewer count, every second or so) pass the same card: leave it alone,
    // so screen readers do not read it again and the deal ticker keeps running.
    if (this.rendered && this.rendered.card === card && this.rendered.serverOffset === serverOffset) return;
    this.rendered = { card, serverOffset };
    this.stopTicker();
    if (!card) {
      this.root.hidden = true;
      this.root.classList.remove('is-shown');
      this.shownProductId = null;
      return;
    }
    const serverNow = () => Date.now() + serverOffset;
    const deal = dealView(card, serverNow(), navigator.language);
    this.root.replaceChildren(this.build(card, deal));
    if (deal?.kind === 'running') this.startTicker(card, serverNow);
    this.root.hidden = false;
    this.root.dataset.productId = card.productId;
    this.root.classList.add('is-shown');
    // Animate only when a different product is pinned, not on a stock or price update.
    if (this.shownProductId !== card.productId) this.slideIn();
    this.shownProductId = card.productId;
  }

  /**
   * The card slides up into place. A Web Animation, not a CSS transition
   * restarted by reading the layout: that read made the browser lay out the
   * whole page inside the pin's task, on the way to the screen (3–4 ms a
   * pin on the watch page, measured in bench/live.ts).
   */
  private slideIn(): void {
    if (typeof this.root.animate !== 'function') return;
    if (typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    this.root.animate(
      [
        { transform: 'translateY(12px)', opacity: 0.6 },
        { transform: 'translateY(0)', opacity: 1 },
      ],
      { duration: 250, easing: 'ease-out' },
    );
  }

  /** Counts down in place; at zero the card is drawn again as "Deal ended" with the regular price. */
  private startTicker(card: ProductCard, serverNow: () => number): void {
    this.ticker = setInterval(() => {
      const deal = dealView(card, serverNow(), navigator.language);
      if (deal?.kind !== 'running') {
        this.stopTicker();
        this.root.replaceChildren(this.build(card, deal));
        return;
      }
      const countdown = this.root.querySelector<HTMLElement>('[data-testid="pin-deal-countdown"]');
      if (countdown && countdown.textContent !== deal.countdown) countdown.textContent = deal.countdown;
    }, COUNTDOWN_TICK_MS);
  }

  private stopTicker(): void {
    if (this.ticker !== null) clearInterval(this.ticker);
    this.ticker = null;
  }

  private build(card: ProductCard, deal: DealView | null): DocumentFragment {
    const fragment = document.createDocumentFragment();
    // The picture the studio sent this server (/media/<id>, this origin), else the store's address.
    const kept = card.imageId ? `${MEDIA_ROUTE_PREFIX}${card.imageId}` : null;
    const fallback = safeImageUrl(card.imageUrl);
    const image = kept ?? fallback;
    if (image) {
      const img = el('img', 'card-image');
      img.src = image;
      img.alt = card.title;
      img.referrerPolicy = 'no-referrer';
      img.decoding = 'async';
      img.dataset.testid = 'pin-image';
      const failed = () => {
        if (kept && fallback && img.getAttribute('src') === kept) img.src = fallback;
        else img.remove();
      };
      img.addEventListener('error', failed);
      fragment.append(img);
    }
    const body = el('div', 'card-body');
    body.append(text('h2', 'card-title', card.title, 'pin-title'));
    if (card.variantTitle) body.append(text('p', 'card-variant', card.variantTitle));

    body.append(...this.prices(card, deal));

    const stock = stockText(card.stock, navigator.language);
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
      if (this.onBuy) buy.addEventListener('click', (event) => this.onBuy?.(card, buyUrl, event));
      fragment.append(buy);
    }
    return fragment;
  }

  /** While a deal runs: badge, sale price, the regular price struck, countdown. Otherwise the usual prices (and "Deal ended"). */
  private prices(card: ProductCard, deal: DealView | null): HTMLElement[] {
    const prices = el('p', 'card-prices');
    const out: HTMLElement[] = [];
    if (deal?.kind === 'running') {
      const badge = el('p', 'card-deal');
      badge.append(text('span', 'card-deal-badge', 'Flash deal', 'pin-deal-badge'), ' ');
      const countdown = text('span', 'card-deal-countdown', deal.countdown, 'pin-deal-countdown');
      // The card is a polite live region: a value changing four times a second must not be read out each time.
      countdown.setAttribute('aria-live', 'off');
      badge.append(countdown);
      out.push(badge);
      prices.append(text('span', 'card-price is-deal', deal.price, 'pin-deal-price'));
      if (deal.was) {
        const del = text('del', 'card-compare-at', deal.was, 'pin-deal-was');
        del.setAttribute('aria-label', `Was ${deal.was}`);
        prices.append(' ', del);
      }
    } else {
      if (card.price !== null) prices.append(text('span', 'card-price', formatPrice(card.price, card.currency, navigator.language), 'pin-price'));
      const was = compareAtText(card, navigator.language);
      if (was) {
        const del = text('del', 'card-compare-at', was, 'pin-compare-at');
        del.setAttribute('aria-label', `Was ${was}`);
        prices.append(' ', del);
      }
    }
    if (prices.childNodes.length > 0) out.push(prices);
    if (deal?.kind === 'ended') out.push(text('p', 'card-deal-ended', 'Deal ended', 'pin-deal-ended'));
    return out;
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
