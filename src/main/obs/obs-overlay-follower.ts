import { StudioError } from '../../shared/api/result.js';
import type { PinTargetState } from '../../shared/domain/live.js';
import type { ProductCard } from '../../shared/sfu/product-card.js';
import { Backoff } from '../../shared/time/backoff.js';
import { overlayAuctionText, type ObsAuction } from './obs-auction-text.js';
import { requestFailureMessage } from './obs-messages.js';
import { overlayPriceText, type ObsOverlaySync } from './obs-overlay-sync.js';
import type { ObsSession } from './obs-session.js';

/**
 * Where OBS's product sources stand, as PinState.targets.obs reports it.
 * A failure carries its own host message: nothing reads state back from text.
 */
export type OverlayDelivery =
  | { readonly state: 'off' } // no overlay scene chosen
  | { readonly state: 'pending' } // not shown yet: OBS away, or on its way
  | { readonly state: 'delivered' }
  | { readonly state: 'failed'; readonly message: string };

export interface ObsOverlayFollowerDeps {
  readonly settings: {
    read(): { overlayScene: string | null };
    save(patch: { overlayScene: string | null }): void;
  };
  readonly overlays: Pick<ObsOverlaySync, 'ensureInputs' | 'show' | 'showPrice' | 'showAuction'>;
  /** After every change of status(). */
  readonly onChange: () => void;
  /** Main's clock, which a flash deal's times are on. */
  readonly now?: (() => number) | undefined;
  /** Retry delays after a failed update: doubling from the first, capped at the second. */
  readonly retryMs?: readonly [number, number] | undefined;
}

/** The follower writes with single requests only. */
type OverlaySession = Pick<ObsSession, 'call'>;

const PENDING: OverlayDelivery = { state: 'pending' };
const OFF: OverlayDelivery = { state: 'off' };
const DELIVERED: OverlayDelivery = { state: 'delivered' };

/**
 * Keeps OBS's product sources on the pinned card. The wanted card is
 * remembered with a version; the version OBS shows catches up whenever a
 * session is attached, so a pin made while OBS is away is shown when it
 * comes back. A failed update is retried with backoff; a running flash
 * deal rewrites only the price text each second.
 */
export class ObsOverlayFollower {
  private session: OverlaySession | null = null;
  private scene: string | null;
  private delivery: OverlayDelivery;
  private wantedCard: ProductCard | null = null;
  private wantedVersion = 0;
  /** The version OBS shows; -1: its sources must be made (again) before anything is written. */
  private shownVersion = -1;
  /** The card OBS shows (JSON), so a countdown tick only rewrites the price text. */
  private shownCard: string | null = null;
  /** The price text last asked for, and the timer that moves it while a flash deal runs. */
  private wantedPriceText = '';
  private dealTimer: NodeJS.Timeout | null = null;
  /** The auction and its text as wanted, the text OBS shows (null: unknown), and the once-a-second timer while it runs. */
  private wantedAuction: ObsAuction | null = null;
  private wantedAuctionText = '';
  private shownAuctionText: string | null = null;
  private auctionTimer: NodeJS.Timeout | null = null;
  /** One pending retry at a time (a deal's countdown ticks must not stack more). */
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly retryBackoff: Backoff;
  private syncing: Promise<void> | null = null;
  private readonly now: () => number;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: ObsOverlayFollowerDeps) {
    this.now = deps.now ?? Date.now;
    const [first, cap] = deps.retryMs ?? [500, 10_000];
    this.retryBackoff = new Backoff({ firstMs: first, maxMs: cap, jitter: 0.2 });
    this.scene = deps.settings.read().overlayScene;
    this.delivery = this.scene ? PENDING : OFF;
  }

  status(): { readonly scene: string | null; readonly delivery: OverlayDelivery } {
    return { scene: this.scene, delivery: this.delivery };
  }

  /** The delivery, as PinState.targets.obs reports it. */
  pinTargetState(): PinTargetState {
    return this.delivery.state;
  }

  /** Called (deferred) whenever pinTargetState() changes. */
  onPinDelivery(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A connected OBS to write to, or null when it went away (what it shows is then unknown). */
  attach(session: OverlaySession | null): void {
    this.session = session;
    this.clearRetry();
    if (session) {
      void this.sync();
      return;
    }
    this.shownVersion = -1; // OBS may come back without the sources or the latest texts
    this.setDelivery(this.scene ? PENDING : OFF);
  }

  /** Pin or unpin in the studio: OBS's product sources follow (now, or once a session is attached). */
  showPin(card: ProductCard | null): void {
    // pinChanged also fires when only the SFU delivery state moved: the card is the same then.
    if (JSON.stringify(card) === JSON.stringify(this.wantedCard) && this.wantedVersion > 0) return;
    this.wantedCard = card;
    this.wantedVersion += 1;
    this.wantedPriceText = overlayPriceText(card, this.now());
    if (this.scene) this.setDelivery(PENDING);
    void this.sync();
    this.scheduleDealTick();
  }

  /** The auction (AuctionsState.current): OBS's auction text follows it, once a second while it runs. */
  showAuction(auction: ObsAuction | null): void {
    this.wantedAuction = auction;
    this.wantedAuctionText = overlayAuctionText(auction, this.now());
    void this.sync();
    this.scheduleAuctionTick();
  }

  /** Puts the sources in this scene (null: stops following); throws the host message if OBS refused. */
  async setScene(sceneName: string | null): Promise<void> {
    this.deps.settings.save({ overlayScene: sceneName });
    this.scene = sceneName;
    this.shownVersion = -1; // a new scene needs its sources made and filled
    this.clearRetry();
    this.setDelivery(sceneName ? PENDING : OFF);
    if (!sceneName) return;
    await this.sync();
    if (this.delivery.state === 'failed') throw new StudioError('unavailable', this.delivery.message);
  }

  /** Stops the timers and waits for a write in progress; tells no one (the studio is closing). */
  async close(): Promise<void> {
    if (this.dealTimer) clearTimeout(this.dealTimer);
    this.dealTimer = null;
    if (this.auctionTimer) clearTimeout(this.auctionTimer);
    this.auctionTimer = null;
    this.clearRetry();
    this.session = null;
    await this.syncing?.catch(() => undefined);
  }

  /**
   * While a flash deal runs, "ends in m:ss" moves: wake when the shown second
   * changes and send the price text (only when it changed). The last tick
   * writes "Deal ended" and stops. A missed tick is caught up by the sync loop.
   */
  private scheduleDealTick(): void {
    if (this.dealTimer) clearTimeout(this.dealTimer);
    this.dealTimer = null;
    const deal = this.wantedCard?.deal;
    if (!deal) return;
    const remaining = deal.endsAt - this.now();
    if (remaining <= 0) return;
    // The countdown shows whole seconds rounded up: it changes when `remaining` crosses a multiple of 1000.
    const wait = (remaining % 1000 || 1000) + 5;
    this.dealTimer = setTimeout(() => {
      this.dealTimer = null;
      const text = overlayPriceText(this.wantedCard, this.now());
      if (text !== this.wantedPriceText) {
        this.wantedPriceText = text;
        this.wantedVersion += 1;
        void this.sync();
      }
      this.scheduleDealTick();
    }, wait);
    this.dealTimer.unref?.();
  }

  /** While an auction runs, its countdown moves: wake when the shown second changes (as the deal's tick does). */
  private scheduleAuctionTick(): void {
    if (this.auctionTimer) clearTimeout(this.auctionTimer);
    this.auctionTimer = null;
    const auction = this.wantedAuction;
    if (auction?.status !== 'running') return;
    const remaining = auction.endsAt - this.now();
    if (remaining <= 0) return;
    this.auctionTimer = setTimeout(() => {
      this.auctionTimer = null;
      const text = overlayAuctionText(this.wantedAuction, this.now());
      if (text !== this.wantedAuctionText) {
        this.wantedAuctionText = text;
        void this.sync();
      }
      this.scheduleAuctionTick();
    }, (remaining % 1000 || 1000) + 5);
    this.auctionTimer.unref?.();
  }

  /** What is still to write: the card (or its price), or the auction's text. */
  private behind(): boolean {
    return this.shownVersion !== this.wantedVersion || this.shownAuctionText !== this.wantedAuctionText;
  }

  /** Brings OBS's product sources to the wanted card; one run at a time, always ending on the newest pin. */
  private sync(): Promise<void> {
    if (this.syncing) return this.syncing;
    const run = async () => {
      await Promise.resolve(); // so `syncing` is set before the loop can finish
      try {
        while (this.scene && this.session && this.behind()) {
          const { scene, session } = this;
          const version = this.wantedVersion;
          const card = this.wantedCard;
          const cardJson = JSON.stringify(card);
          const auctionText = this.wantedAuctionText;
          try {
            if (this.shownVersion === -1) {
              this.shownAuctionText = null;
              await this.deps.overlays.ensureInputs(session, scene);
            }
            // The card shown already: only the auction's text may be behind. A countdown tick (same card): only the price text changes.
            if (this.shownVersion !== version) {
              if (this.shownVersion !== -1 && cardJson === this.shownCard) await this.deps.overlays.showPrice(session, card, this.now());
              else await this.deps.overlays.show(session, scene, card, this.now());
            }
            if (auctionText !== this.shownAuctionText) await this.deps.overlays.showAuction(session, auctionText);
          } catch (error) {
            // OBS went away or the scene changed meanwhile: what happened there no longer counts.
            if (session !== this.session || scene !== this.scene) continue;
            this.shownVersion = -1;
            this.setDelivery({ state: 'failed', message: `Could not update the OBS overlay in "${scene}": ${requestFailureMessage(error)}` });
            // OBS opens its websocket before a restarted scene collection is loaded: try again shortly,
            // so a missed pin still catches up without the host doing anything.
            this.scheduleRetry();
            return;
          }
          if (session !== this.session || scene !== this.scene) continue;
          this.shownCard = cardJson;
          this.shownVersion = version;
          this.shownAuctionText = auctionText;
          this.retryBackoff.reset();
        }
        if (this.scene && !this.behind()) this.setDelivery(DELIVERED);
      } finally {
        this.syncing = null;
      }
    };
    this.syncing = run();
    return this.syncing;
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.sync();
    }, this.retryBackoff.next());
    this.retryTimer.unref?.();
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setDelivery(next: OverlayDelivery): void {
    const before = this.delivery.state;
    this.delivery = next;
    this.deps.onChange();
    // Deferred: this can run inside a pinChanged fan-out, and a nested pinChanged would reach UIs before the outer one.
    if (next.state !== before) for (const listener of [...this.listeners]) queueMicrotask(listener);
  }
}
