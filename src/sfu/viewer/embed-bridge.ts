import {
  BUY_HANDLED_WAIT_MS,
  buyClickedMessage,
  EMBED_ORIGINS_META,
  embedParentOrigin,
  parsePageMessage,
  productShownMessage,
  type PlayerMessage,
} from '../../shared/sfu/embed-messages.js';
import type { ProductCard } from '../../shared/sfu/product-card.js';
import type { WatchViewOptions } from './watch-view.js';
import type { WatchStatus } from './watch-session.js';

/**
 * Runs in the viewer's browser, in the embedded player (`/embed/<show>`,
 * framed by embed.js on a seller's page; docs/embed.md). Tells the page what
 * happens in the show and hears its few requests, over postMessage with the
 * origin checked both ways: it posts only to its parent, targeted at that
 * parent's origin, and only when the SFU lists that origin as allowed to
 * frame it; it accepts messages only from that window and that origin.
 */
export class EmbedBridge {
  private readonly parentOrigin: string | null;
  private lastPhase: WatchStatus['phase'] = 'connecting';
  private readySent = false;
  private lastProductShown = '';
  /** Buy clicks waiting for the page's `lss:buy-handled`, by product. */
  private readonly waitingBuys = new Map<string, () => void>();

  constructor(
    private readonly show: string,
    private readonly page: {
      /** The page asked for the full player or the mini one (the frame's size is the loader's; this is the layout). */
      readonly setSize: (size: 'mini' | 'full') => void;
      /** The page put the product in its own cart. */
      readonly boughtOnPage: (productId: string) => void;
    },
  ) {
    const query = new URLSearchParams(location.search);
    const ancestors = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
    const framed = window.parent !== window;
    this.parentOrigin = framed
      ? embedParentOrigin(query.get('origin'), ancestors && ancestors.length > 0 ? (ancestors[0] ?? null) : null, allowedOrigins())
      : null;
    addEventListener('message', (event) => this.onMessage(event));
  }

  /** The watch view's hooks: Buy clicks come here first; "not live right now" instead of "hasn't started". */
  viewOptions(): WatchViewOptions {
    return {
      onBuy: (card, url, event) => this.buy(card, url, event),
      phaseText: { 'not-started': { title: 'Not live right now', detail: '' } },
    };
  }

  /** Framed by a page it may talk to (false: opened on its own, or framed by a page it must not post to). */
  get talksToPage(): boolean {
    return this.parentOrigin !== null;
  }

  /** The viewer tapped "Open" in the mini-player: the page's loader makes the frame big. */
  askToExpand(): void {
    this.post({ type: 'lss:expand' });
  }

  onStatus(status: WatchStatus): void {
    const phase = status.phase;
    if (!this.readySent && phase !== 'connecting') {
      this.readySent = true;
      this.post({ type: 'lss:ready', show: this.show, live: phase === 'live' });
    }
    // A show coming back from a pause (the host's network) did not start again.
    if (phase === 'live' && this.lastPhase !== 'live' && this.lastPhase !== 'paused' && this.lastPhase !== 'reconnecting') {
      this.post({ type: 'lss:show-started', show: this.show });
    }
    if (phase === 'ended' && this.lastPhase !== 'ended') this.post({ type: 'lss:show-ended', show: this.show });
    this.lastPhase = phase;
    const card = phase === 'ended' ? null : status.pin;
    if (card === null) {
      this.lastProductShown = '';
      return;
    }
    const message = productShownMessage(card, Date.now() + status.serverOffset);
    const key = JSON.stringify(message);
    if (key !== this.lastProductShown) {
      this.lastProductShown = key;
      this.post(message);
    }
  }

  /**
   * A Buy click. Not embedded (or not allowed to talk): the link opens as on
   * the watch page. Embedded: the page hears `lss:buy-clicked`; if it answers
   * `lss:buy-handled` soon (it added to its own cart), nothing opens; else
   * the link opens in a new tab, still inside the click's user activation.
   */
  private buy(card: ProductCard, url: string, event: MouseEvent): void {
    if (this.parentOrigin === null) return;
    event.preventDefault();
    const productId = card.productId;
    this.waitingBuys.get(productId)?.();
    let handled = false;
    const timer = setTimeout(() => {
      this.waitingBuys.delete(productId);
      if (!handled) window.open(url, '_blank', 'noopener,noreferrer');
    }, BUY_HANDLED_WAIT_MS);
    this.waitingBuys.set(productId, () => {
      handled = true;
      clearTimeout(timer);
      this.waitingBuys.delete(productId);
    });
    this.post(buyClickedMessage(card, url));
  }

  private onMessage(event: MessageEvent): void {
    if (this.parentOrigin === null || event.source !== window.parent || event.origin !== this.parentOrigin) return;
    const message = parsePageMessage(event.data);
    if (!message) return;
    if (message.type === 'lss:open') this.page.setSize('full');
    else if (message.type === 'lss:close') this.page.setSize('mini');
    else {
      const settle = this.waitingBuys.get(message.productId);
      if (!settle) return;
      settle();
      this.page.boughtOnPage(message.productId);
    }
  }

  private post(message: PlayerMessage): void {
    if (this.parentOrigin === null) return;
    window.parent.postMessage(message, this.parentOrigin);
  }
}

/** The origins the SFU allows to frame this page (embed-routes.ts writes them into a `<meta>`). */
function allowedOrigins(): string[] {
  const meta = document.querySelector<HTMLMetaElement>(`meta[name="${EMBED_ORIGINS_META}"]`);
  return (meta?.content ?? '').split(' ').filter((o) => o !== '');
}
