import { StudioError } from '../../shared/api/result.js';
import type { ProductDetail } from '../../shared/domain/catalog.js';
import type { PinRecord, PinState, PinTargetState } from '../../shared/domain/live.js';
import type { Deal } from '../../shared/domain/selling.js';
import type { ProductCard } from '../../shared/sfu/product-card.js';
import type { StudioEventBus } from '../core/event-bus.js';
import type { PinStore } from './pin-store.js';
import { buildProductCard } from './product-card-builder.js';

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
  /** Units left after the show's claims (ClaimService.stockLeft); without it the card shows the catalog's stock. */
  readonly stockLeft?: (showId: number | null, productId: number, variantId: number | null, catalogStock: number | null) => number | null;
  /** The current pin's flash deal (DealService.currentDeal). */
  readonly currentDeal?: () => Deal | null;
  /** Settings → Selling → auto-unpin (null: off). */
  readonly autoUnpinSeconds?: () => number | null;
}

export interface PinRequest {
  readonly productId: number;
  readonly variantId: number | null;
  readonly rundownItemId: number | null;
}

/**
 * One-click pin. The database is the truth: a pin is saved (ending the
 * previous one) before anything else, so it survives a crash and the
 * history is complete even when the SFU is away. Then the UIs hear of it at
 * once (the compositor draws the card without waiting for the network) and
 * the SFU room gets it; `targets.sfu` says honestly how far that got, and a
 * later pinChanged reports when a pending delivery lands.
 */
export class PinService {
  private lastAnnounced = '';
  private readonly now: () => number;

  constructor(private readonly deps: PinServiceDeps) {
    this.now = deps.now ?? Date.now;
    // After a restart the SFU room gets the pin the studio had on screen.
    void deps.sfu.setPin(deps.store.current()?.card ?? null);
    deps.sfu.onPinDelivery(() => this.announce());
    deps.obs?.onPinDelivery(() => this.announce());
  }

  state(): PinState {
    return {
      current: this.deps.store.current(),
      deal: null,
      autoUnpinAt: null,
      now: this.now(),
      targets: { sfu: this.deps.sfu.pinTargetState(), obs: this.deps.obs?.pinTargetState() ?? 'off' },
    };
  }

  async pin(request: PinRequest): Promise<PinState> {
    const product = this.deps.catalog.getProduct(request.productId);
    const card = buildProductCard(product, request.variantId);
    let showId = this.deps.activeShowId();
    if (request.rundownItemId !== null) {
      // A pin from a rundown item belongs to that item's show, whichever show is open.
      const itemShow = this.deps.store.showOfRundownItem(request.rundownItemId);
      if (itemShow === undefined) throw new StudioError('not-found', 'That rundown item no longer exists.');
      showId = itemShow;
    }
    this.deps.store.pin({ ...request, showId, card }, this.now());
    return this.deliver(card);
  }

  async unpin(): Promise<PinState> {
    this.deps.store.unpin(this.now());
    // Cleared on the SFU even when nothing was pinned here: the room may still show an old card.
    return this.deliver(null);
  }

  /** SKELETON: re-sends the current card (with the stock left and the deal). */
  async refresh(): Promise<PinState> {
    return this.deliver(this.deps.store.current()?.card ?? null);
  }

  /** SKELETON: the pin that was showing at `at` (epoch ms), or null. */
  pinAt(_at: number): PinRecord | null {
    return this.deps.store.current();
  }

  history(input: { showId: number | null; limit: number }): PinRecord[] {
    return this.deps.store.history(input.showId, input.limit);
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
    const json = JSON.stringify(state);
    if (json === this.lastAnnounced) return;
    this.lastAnnounced = json;
    this.deps.events.emit('pinChanged', state);
  }
}
