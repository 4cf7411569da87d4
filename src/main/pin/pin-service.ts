import { StudioError } from '../../shared/api/result.js';
import type { ProductDetail } from '../../shared/domain/catalog.js';
import type { PinRecord, PinState, PinTargetState } from '../../shared/domain/live.js';
import type { Deal } from '../../shared/domain/selling.js';
import type { ProductCard, ProductCardDeal } from '../../shared/sfu/product-card.js';
import type { StudioEventBus } from '../events/event-bus.js';
import type { PinStore } from './pin-store.js';
import { buildProductCard, type PictureLookup } from './product-card-builder.js';
import type { CardBuyLink } from '../store/card-buy-link.js';
import { timerDelay } from '../../shared/time/timer-delay.js';

/** Where a pin goes besides the database (the SFU room, through LiveService). */
export interface PinTarget {
  /** Starts delivering at once (synchronously); resolves when it got there, failed, or is still on its way. */
  setPin(card: ProductCard | null): Promise<PinTargetState>;
  pinTargetState(): PinTargetState;
  onPinDelivery(listener: () => void): () => void;
}

export interface PinServiceDeps {
  readonly store: PinStore;
  readonly catalog: { getProduct(productId: number): ProductDetail };
  readonly sfu: PinTarget;
  /** OBS's product sources: they follow pinChanged themselves; this only reports how far they got. */
  readonly obs?: Pick<PinTarget, 'pinTargetState' | 'onPinDelivery'>;
  readonly events: StudioEventBus;
  /** The show open in the rundown, recorded with each pin for the show timeline. */
  readonly activeShowId: () => number | null;
  readonly now?: () => number;
  /** What decorates the card: the stock left and the flash deal (the selling services'; without it, the catalog's stock and no deal). */
  readonly decoration?: CardDecoration;
  /** The card's Buy link from Settings → Store and the show (without it, the product's own link). */
  readonly buyLink?: CardBuyLink;
  /** Settings → Selling → auto-unpin (null: off). */
  readonly autoUnpinSeconds?: () => number | null;
  readonly log?: (message: string, error?: unknown) => void;
  /** The pictures kept in the data folder: the card names its picture by id (src/main/media). */
  readonly pictures?: PictureLookup;
}

/**
 * The pin service's one port to the selling services: what the card shows
 * besides the catalog. Read from the database, so it is ready before any
 * selling service is built (src/main/selling/selling-services.ts).
 */
export interface CardDecoration {
  /** Units left after the show's confirmed claims (null: not tracked). */
  stockLeft(showId: number | null, productId: number, variantId: number | null, catalogStock: number | null): number | null;
  /** The current pin's flash deal, running or ended (null: none). */
  currentDeal(): Deal | null;
}

/** A pin stopped showing at `at` (replaced or unpinned): its running deal ends then. */
export type PinEndedListener = (pin: PinRecord, at: number) => void;


export interface PinRequest {
  readonly productId: number;
  readonly variantId: number | null;
  readonly rundownItemId: number | null;
  /** Already pinned (same product and variant): keep it as it is (the P hotkey). */
  readonly keepIfPinned?: boolean;
}

/**
 * One-click pin. The database is the truth: a pin is saved (ending the
 * previous one) before anything else, so it survives a crash and the
 * history is complete even when the SFU is away. Then the UIs hear of it at
 * once (the compositor draws the card without waiting for the network) and
 * the SFU room gets it; `targets.sfu` says honestly how far that got, and a
 * later pinChanged reports when a pending delivery lands.
 *
 * The card is live: it carries the stock left after the show's claims and
 * the flash deal, and `refresh()` re-sends it when either changes.
 */
export class PinService {
  private lastAnnounced = '';
  private readonly now: () => number;
  private autoUnpinTimer: NodeJS.Timeout | null = null;
  private readonly pinEndedListeners = new Set<PinEndedListener>();
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(private readonly deps: PinServiceDeps) {
    this.now = deps.now ?? Date.now;
    // After a restart the SFU room gets the pin the studio had on screen.
    void deps.sfu.setPin(deps.store.current()?.card ?? null);
    deps.sfu.onPinDelivery(() => this.announce());
    deps.obs?.onPinDelivery(() => this.announce());
    // The auto-unpin counts from when the pin was made, across a restart too.
    this.scheduleAutoUnpin();
    this.unsubscribe = deps.events.on('settingsChanged', () => this.scheduleAutoUnpin());
  }

  state(): PinState {
    const current = this.deps.store.current();
    const deal = current ? (this.currentDeal()) : null;
    return {
      current,
      deal,
      autoUnpinAt: this.autoUnpinAt(current, deal),
      now: this.now(),
      targets: { sfu: this.deps.sfu.pinTargetState(), obs: this.deps.obs?.pinTargetState() ?? 'off' },
    };
  }

  async pin(request: PinRequest): Promise<PinState> {
    const { keepIfPinned = false, ...pinned } = request;
    const current = this.deps.store.current();
    if (keepIfPinned && current && current.productId === pinned.productId && current.variantId === pinned.variantId) return this.state();
    const product = this.deps.catalog.getProduct(request.productId);
    let showId = this.deps.activeShowId();
    if (request.rundownItemId !== null) {
      // A pin from a rundown item belongs to that item's show, whichever show is open.
      const itemShow = this.deps.store.showOfRundownItem(request.rundownItemId);
      if (itemShow === undefined) throw new StudioError('not-found', 'That rundown item no longer exists.');
      showId = itemShow;
    }
    // A new pin never carries a deal: the previous pin's deal ends with it.
    const card = this.liveCard(this.productCard(product, request.variantId, showId), showId, request.productId, request.variantId, null);
    const previous = this.deps.store.current();
    const at = this.now();
    this.deps.store.pin({ ...pinned, showId, card }, at);
    if (previous) this.pinEnded(previous, at);
    this.scheduleAutoUnpin();
    return this.deliver(card);
  }

  async unpin(): Promise<PinState> {
    const previous = this.deps.store.current();
    const at = this.now();
    this.deps.store.unpin(at);
    if (previous) this.pinEnded(previous, at);
    this.scheduleAutoUnpin();
    // Cleared on the SFU even when nothing was pinned here: the room may still show an old card.
    return this.deliver(null);
  }

  /**
   * Rebuilds the current pin's card from the catalog, the stock left and the
   * deal, saves it with the pin (a restart shows the same) and sends it
   * everywhere. Called when a deal starts or ends and when claims change stock.
   */
  async refresh(): Promise<PinState> {
    const current = this.deps.store.current();
    if (!current) return this.state();
    const card = this.liveCard(this.catalogCard(current), current.showId, current.productId, current.variantId, this.cardDeal());
    if (JSON.stringify(card) !== JSON.stringify(current.card)) this.deps.store.updateCard(current.id, card);
    // A deal that started or ended moves the auto-unpin.
    this.scheduleAutoUnpin();
    return this.deliver(card);
  }

  /** The pin that was showing at `at` (epoch ms, main's clock), or null. */
  pinAt(at: number): PinRecord | null {
    return this.deps.store.at(at);
  }

  history(input: { showId: number | null; limit: number }): PinRecord[] {
    return this.deps.store.history(input.showId, input.limit);
  }

  /** Hears every pin that stops showing (replaced or unpinned), before the new state goes out. */
  onPinEnded(listener: PinEndedListener): () => void {
    this.pinEndedListeners.add(listener);
    return () => this.pinEndedListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    this.clearAutoUnpin();
    this.unsubscribe();
  }

  /** The catalog's card for a pin now; the saved one when the product or variant is gone from the catalog. */
  private catalogCard(pin: PinRecord): ProductCard {
    if (pin.productId === null) return pin.card;
    try {
      return this.productCard(this.deps.catalog.getProduct(pin.productId), pin.variantId, pin.showId);
    } catch {
      return pin.card;
    }
  }

  private productCard(product: ProductDetail, variantId: number | null, showId: number | null): ProductCard {
    const buyLink = this.deps.buyLink;
    return buildProductCard(product, variantId, buyLink ? buyLink(product, variantId, showId) : product.buyUrl, this.deps.pictures);
  }

  private liveCard(
    base: ProductCard,
    showId: number | null,
    productId: number | null,
    variantId: number | null,
    deal: ProductCardDeal | null,
  ): ProductCard {
    const decoration = this.deps.decoration;
    const left = decoration && productId !== null ? decoration.stockLeft(showId, productId, variantId, base.stock) : base.stock;
    return { ...base, stock: left === null ? null : Math.max(0, Math.floor(left)), deal };
  }

  private currentDeal(): Deal | null {
    return this.deps.decoration?.currentDeal() ?? null;
  }

  /** The current pin's deal as the card carries it; one ended early ends there on the card too. */
  private cardDeal(): ProductCardDeal | null {
    const deal = this.currentDeal();
    if (!deal) return null;
    const endsAt = deal.endedAt === null ? deal.endsAt : Math.min(deal.endsAt, deal.endedAt);
    return { price: deal.price, startedAt: deal.startedAt, endsAt: Math.max(endsAt, deal.startedAt + 1) };
  }

  private pinEnded(pin: PinRecord, at: number): void {
    for (const listener of [...this.pinEndedListeners]) {
      try {
        listener(pin, at);
      } catch (error) {
        this.deps.log?.('A listener for the end of a pin failed', error);
      }
    }
  }

  /** When the auto-unpin takes `current` down; a running deal is never cut short, the pin stays until it ends. */
  private autoUnpinAt(current: PinRecord | null, deal: Deal | null): number | null {
    const seconds = this.deps.autoUnpinSeconds?.() ?? null;
    if (!current || seconds === null) return null;
    const at = current.pinnedAt + seconds * 1000;
    return deal && deal.endedAt === null ? Math.max(at, deal.endsAt) : at;
  }

  private scheduleAutoUnpin(): void {
    this.clearAutoUnpin();
    if (this.closed) return;
    const current = this.deps.store.current();
    const at = this.autoUnpinAt(current, current ? (this.currentDeal()) : null);
    if (!current || at === null) return;
    const pinId = current.id;
    this.autoUnpinTimer = setTimeout(() => {
      this.autoUnpinTimer = null;
      this.autoUnpin(pinId);
    }, timerDelay(at, this.now()));
    this.autoUnpinTimer.unref?.();
  }

  private autoUnpin(pinId: number): void {
    const current = this.deps.store.current();
    if (this.closed || current?.id !== pinId) return;
    const at = this.autoUnpinAt(current, this.currentDeal());
    if (at === null) return;
    // Early: the setting or the deal moved it later (or the timer's limit); wait again.
    if (at > this.now()) return this.scheduleAutoUnpin();
    this.unpin().catch((error: unknown) => this.deps.log?.('The automatic unpin failed', error));
  }

  private clearAutoUnpin(): void {
    if (this.autoUnpinTimer) clearTimeout(this.autoUnpinTimer);
    this.autoUnpinTimer = null;
  }

  private async deliver(card: ProductCard | null): Promise<PinState> {
    const delivered = this.deps.sfu.setPin(card); // sends now; the answer comes later
    this.announce();
    await delivered;
    this.announce();
    return this.state();
  }

  /** pinChanged whenever the current pin or its delivery changed (not twice for the same state). */
  private announce(): void {
    const state = this.state();
    // `now` moves on every call: it is not a change.
    const json = JSON.stringify({ ...state, now: 0 });
    if (json === this.lastAnnounced) return;
    this.lastAnnounced = json;
    this.deps.events.emit('pinChanged', state);
  }
}
