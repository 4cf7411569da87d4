import { StudioError } from '../../shared/api/result.js';
import type { PinRecord, PinState } from '../../shared/domain/live.js';
import { compareMoney, formatMoney, parseMoney } from '../../shared/domain/money.js';
import type { Deal } from '../../shared/domain/selling.js';
import { DEAL_LENGTH_MESSAGE, DEAL_LIMITS, productCardDealSchema } from '../../shared/sfu/product-card.js';
import type { StudioDatabase } from '../db/open-database.js';
import { DealStore } from './deal-store.js';
import { timerDelay } from '../../shared/time/timer-delay.js';

/** Flash deals on the pinned product as the API offers them (the selling handlers). */
export interface DealApi {
  /** `price` as the host typed it; refused with a host-worded StudioError when nothing is pinned or the price is not below the regular one. */
  startDeal(input: { price: string; durationSeconds: number }): Promise<PinState>;
  endDeal(): Promise<PinState>;
}

export interface DealServiceDeps {
  readonly db: StudioDatabase;
  /**
   * The pin service: the current pin, `refresh()` to re-send the card with
   * the deal on it, and `onPinEnded` so a deal ends with its pin.
   */
  readonly pins: {
    readonly state: () => PinState;
    refresh(): Promise<PinState>;
    onPinEnded(listener: (pin: PinRecord, at: number) => void): () => void;
  };
  readonly now?: () => number;
  readonly log?: (message: string, error?: unknown) => void;
}


/**
 * Flash deals on the pinned product. The deals table is the truth: a deal
 * is saved before the card goes out, and one timer ends it at `ends_at`.
 * After the end the pin keeps the deal (the card says "Deal ended" and shows
 * the regular price again). Pinning something else or unpinning ends a
 * running deal at that instant.
 */
export class DealService implements DealApi {
  private readonly store: DealStore;
  private readonly now: () => number;
  private endTimer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(private readonly deps: DealServiceDeps) {
    this.store = new DealStore(deps.db);
    this.now = deps.now ?? Date.now;
    this.unsubscribe = deps.pins.onPinEnded((pin, at) => this.pinEnded(pin, at));
    this.resumeAfterRestart();
  }

  async startDeal(input: { price: string; durationSeconds: number }): Promise<PinState> {
    const pin = this.deps.pins.state().current;
    if (!pin) throw new StudioError('invalid-input', 'Pin a product first: a flash deal runs on the pinned product.');
    const parsed = parseMoney(input.price);
    if (!parsed.ok) throw new StudioError('invalid-input', `"${input.price.trim()}" is not a price. Type the deal price, for example 9.99.`);
    const regular = pin.card.price;
    if (regular === null) throw new StudioError('invalid-input', `"${pin.card.title}" has no regular price, so it cannot go on a flash deal.`);
    if (compareMoney(parsed.value, regular) >= 0) {
      throw new StudioError(
        'invalid-input',
        `The deal price must be below the regular price of ${formatMoney(regular, pin.card.currency)}.`,
      );
    }
    const seconds = input.durationSeconds;
    if (!Number.isInteger(seconds) || seconds < DEAL_LIMITS.minSeconds || seconds > DEAL_LIMITS.maxSeconds) {
      throw new StudioError('invalid-input', DEAL_LENGTH_MESSAGE);
    }
    const startedAt = this.now();
    const endsAt = startedAt + seconds * 1000;
    // The card accepts at most four decimals: "9.99999" cannot be shown to viewers.
    if (!productCardDealSchema.safeParse({ price: parsed.value, startedAt, endsAt }).success) {
      throw new StudioError('invalid-input', `"${input.price.trim()}" has too many decimals for a price.`);
    }
    const deal = this.store.start({
      pinId: pin.id,
      showId: pin.showId,
      productId: pin.productId,
      variantId: pin.variantId,
      title: pin.card.variantTitle ? `${pin.card.title} — ${pin.card.variantTitle}` : pin.card.title,
      price: parsed.value,
      regularPrice: regular,
      currency: pin.card.currency,
      startedAt,
      endsAt,
    });
    this.armEndTimer(deal);
    return this.deps.pins.refresh();
  }

  /** Ends the running deal now; nothing to do (and no error) when none runs. */
  async endDeal(): Promise<PinState> {
    const running = this.store.running();
    if (!running) return this.deps.pins.state();
    this.store.end(running.id, this.now());
    this.clearEndTimer();
    return this.deps.pins.refresh();
  }

  /** The deal of a pin running at `at` (for the price a claim pays), or null. */
  dealAt(pinId: number, at: number): Deal | null {
    return this.store.runningOn(pinId, at);
  }

  /** The current pin's deal (running or ended), or null. */
  currentDeal(): Deal | null {
    return this.store.ofCurrentPin();
  }

  close(): void {
    this.closed = true;
    this.clearEndTimer();
    this.unsubscribe();
  }

  /**
   * A deal still marked running after a restart: closed when its pin ended
   * or its end passed, else timed again. The card shows it once the pin
   * service refreshes (the deal is read from the database).
   */
  private resumeAfterRestart(): void {
    const running = this.store.running();
    if (!running) return;
    const pinEndedAt = this.store.pinEndedAt(running.pinId);
    if (pinEndedAt !== null) this.store.end(running.id, Math.min(pinEndedAt, running.endsAt));
    else if (running.endsAt <= this.now()) this.store.end(running.id, running.endsAt);
    else this.armEndTimer(running);
  }

  private pinEnded(pin: PinRecord, at: number): void {
    const running = this.store.running();
    if (running?.pinId !== pin.id) return;
    this.store.end(running.id, Math.min(at, running.endsAt));
    this.clearEndTimer();
  }

  private armEndTimer(deal: Deal): void {
    this.clearEndTimer();
    if (this.closed) return;
    this.endTimer = setTimeout(() => {
      this.endTimer = null;
      this.endAtItsTime(deal.id);
    }, timerDelay(deal.endsAt, this.now()));
    this.endTimer.unref?.();
  }

  private endAtItsTime(dealId: number): void {
    const running = this.store.running();
    if (this.closed || running?.id !== dealId) return;
    // Timers may fire a little early; never end a deal before its second.
    if (running.endsAt > this.now()) return this.armEndTimer(running);
    this.store.end(running.id, running.endsAt);
    this.deps.pins.refresh().catch((error: unknown) => this.deps.log?.('Could not send the card after the flash deal ended', error));
  }

  private clearEndTimer(): void {
    if (this.endTimer) clearTimeout(this.endTimer);
    this.endTimer = null;
  }
}
