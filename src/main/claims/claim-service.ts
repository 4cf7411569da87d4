import type { ExportedFile } from '../../shared/api/contract/selling.js';
import { StudioError } from '../../shared/api/result.js';
import type { ProductDetail, Variant } from '../../shared/domain/catalog.js';
import type { ChatMessage } from '../../shared/domain/chat.js';
import type { PinRecord } from '../../shared/domain/live.js';
import type { Claim, ClaimsState, Deal } from '../../shared/domain/selling.js';
import type { Settings } from '../../shared/domain/settings.js';
import { recogniseClaim } from '../../shared/selling/claim-parser.js';
import { recogniseOneMore } from '../../shared/selling/one-more.js';
import type { CallContext } from '../api/dispatcher.js';
import type { StudioDatabase } from '../db/open-database.js';
import type { StudioEventBus } from '../events/event-bus.js';
import {
  cancelledNotice,
  confirmedNotice,
  howToClaimNotice,
  limitNotice,
  moreLimitNotice,
  movedNotice,
  practiceExportRefusal,
  promotedNotice,
  SHOW_ENDED_NOTICE,
  waitlistedNotice,
  whichOptionNotice,
} from './claim-notices.js';
import { ClaimStore } from './claim-store.js';
import { findProduct, fits, StockLedger } from './stock-ledger.js';
import { claimsCsv, claimsFileName } from './claims-csv.js';
import { currencyOf, newClaim, onlySku, regularPrice, unitName } from './claim-units.js';
import { ViewerClaims, type ViewerClaimsDeps, type ViewerClaimsList } from './viewer-claims.js';
import { auctionClaim, auctionMessageId, type AuctionClaimRequest } from './auction-claim.js';

/** Claims from chat as the API offers them (the selling handlers). */
export interface ClaimApi {
  list(showId: number | null): ClaimsState;
  cancel(claimId: number, context: CallContext): Claim;
  move(input: { claimId: number; productId: number; variantId: number | null }, context: CallContext): Claim;
  exportCsv(input: { showId: number | null; all: boolean }): ExportedFile;
}

export interface ClaimServiceDeps {
  readonly db: StudioDatabase;
  readonly catalog: { getProduct(productId: number): ProductDetail };
  /** The pin showing when a message was sent (PinService.pinAt), and a way to re-send the card with the new stock. */
  readonly pins: { pinAt(at: number): PinRecord | null; refresh(): Promise<unknown> };
  /** The deal running on a pin at a time (DealService.dealAt). */
  readonly deals: { dealAt(pinId: number, at: number): Deal | null };
  /** A private line to one viewer (LiveService.sendChat with chatNotice). */
  readonly notify: (viewerId: string, text: string) => void;
  /** One viewer's "My claims", privately to their connections (LiveService.sendChat with viewerClaims). */
  readonly sendViewerClaims?: (viewerId: string, list: ViewerClaimsList) => void;
  readonly events: StudioEventBus;
  readonly activeShowId: () => number | null;
  readonly checkouts?: ViewerClaimsDeps['checkouts']; // the links sent to a buyer, in their "My claims" (src/main/checkout)
  readonly settings: () => Settings['selling'];
  readonly now?: () => number;
  readonly log?: (message: string, error?: unknown) => void;
}

/** What a change did, for the events, the card and the viewers' notices once the transaction is committed. */
interface Outcome {
  readonly changed: readonly Claim[];
  readonly notices: readonly { readonly viewerId: string; readonly text: string }[];
  /** A confirmed unit was taken or given back: the card's "N left" changed. */
  readonly stockChanged: boolean;
  /** Products whose waitlist order changed (a claim left it, or a moved one joined it): their waitlisted buyers' places moved. */
  readonly waitlists?: readonly { readonly showId: number | null; readonly productId: number | null }[];
}

/**
 * Claims from chat (comment-to-buy). An approved viewer message that reads
 * as a claim ("sold M") claims the product pinned when it was SENT, so a
 * message held for review and approved later still claims what the viewer
 * saw. First come, first served: each decision (stock, waitlist, per-viewer
 * limit) runs in one IMMEDIATE transaction, so two claims on the last unit
 * cannot both be confirmed. Stock is per show: the catalog's stock minus the
 * show's confirmed claims; untracked stock (null) never runs out.
 */
export class ClaimService implements ClaimApi {
  /** Each buyer's own "My claims" and their contact for the seller (the core hands it the SFU's announcements). */
  readonly viewers: ViewerClaims;
  private readonly store: ClaimStore;
  private readonly ledger: StockLedger;
  private readonly now: () => number;
  private changedTimer: ReturnType<typeof setTimeout> | null = null;
  private lastChangedAt = -Infinity;
  private closed = false;
  /** When the host last pressed End show (this run); a message sent before it never claims afterwards. */
  private endedAt: number | null = null;

  constructor(private readonly deps: ClaimServiceDeps) {
    this.store = new ClaimStore(deps.db);
    this.ledger = new StockLedger(this.store, deps.catalog);
    this.now = deps.now ?? Date.now;
    this.viewers = new ViewerClaims({
      store: this.store,
      ...(deps.sendViewerClaims ? { send: deps.sendViewerClaims } : {}),
      ...(deps.checkouts ? { checkouts: deps.checkouts } : {}),
      notify: deps.notify,
      activeShowId: deps.activeShowId,
      now: this.now,
      contactSaved: () => this.claimsChanged(),
      ...(deps.log ? { log: deps.log } : {}),
    });
  }

  /** End show: claims stop. A message sent before now and approved later (it was held for review) claims nothing; the viewer is told so. */
  showEnded(): void {
    this.endedAt = this.now();
  }

  /** An approved viewer message (auto or by a moderator): a claim when it reads like one and a product was pinned. Never throws. */
  onApprovedMessage(message: ChatMessage): void {
    try {
      const outcome = this.claimFromChat(message);
      if (outcome) this.publish(outcome);
    } catch (error) {
      this.deps.log?.(`message ${message.id} could not be read as a claim`, error);
    }
  }

  /** Units left of a product (or variant) in a show after its confirmed claims; null: not tracked. The card's "N left" is the same ledger. */
  stockLeft(showId: number | null, productId: number, variantId: number | null, catalogStock: number | null): number | null {
    return this.ledger.stockLeft(showId, productId, variantId, catalogStock);
  }

  /** A show's claims, and the units left of each product claimed (the ledger's numbers, as the card shows them). */
  list(showId: number | null): ClaimsState {
    const id = showId ?? this.deps.activeShowId();
    const claims = this.store.ofShow(id);
    const products = [...new Set(claims.map((c) => c.productId).filter((p) => p !== null))];
    const stock = products.map((p) => this.ledger.productStock(id, p)).filter((p) => p !== null);
    return { showId: id, practice: id !== null && this.store.isPractice(id), claims, stock };
  }

  cancel(claimId: number, _context: CallContext): Claim {
    const at = this.now();
    let cancelled: Claim | undefined;
    const outcome = this.store.transaction((): Outcome => {
      const claim = this.existing(claimId);
      if (claim.status === 'cancelled') throw new StudioError('conflict', 'That claim is already cancelled.');
      cancelled = this.store.setStatus(claim.id, 'cancelled', 'Cancelled by host', at);
      const promoted = claim.status === 'confirmed' ? this.promoteWaitlist(claim.showId, claim.productId, at) : [];
      return {
        changed: [cancelled, ...promoted],
        notices: [{ viewerId: claim.viewerId, text: cancelledNotice(claim) }, ...promoted.map((p) => ({ viewerId: p.viewerId, text: promotedNotice(p) }))],
        stockChanged: claim.status === 'confirmed',
        waitlists: claim.status === 'waitlisted' || promoted.length > 0 ? [claim] : [],
      };
    });
    this.publish(outcome);
    return cancelled!;
  }

  move(input: { claimId: number; productId: number; variantId: number | null }, _context: CallContext): Claim {
    const product = this.deps.catalog.getProduct(input.productId);
    const variant = input.variantId === null ? null : product.variants.find((v) => v.id === input.variantId);
    if (variant === undefined) throw new StudioError('invalid-input', `That size or colour is not part of ${product.title}. Pick one of its own variants.`);
    const at = this.now();
    let moved: Claim | undefined;
    const outcome = this.store.transaction((): Outcome => {
      const claim = this.existing(input.claimId);
      if (claim.status === 'cancelled') throw new StudioError('conflict', 'A cancelled claim cannot be moved. The viewer can claim again in chat.');
      if (claim.productId === product.id && claim.variantId === (variant?.id ?? null)) {
        moved = claim;
        return { changed: [], notices: [], stockChanged: false };
      }
      const sameProduct = claim.productId === product.id;
      // The claim's own unit no longer counts where it was: it is checked against the target alone.
      const fitsTarget = fits(this.ledger.availability(claim.showId, product, claim.id), variant?.id ?? null);
      // A flash-deal price stays with the viewer when the seller only corrects the size or colour.
      const keepDeal = sameProduct && claim.dealId !== null;
      moved = this.store.move(
        claim.id,
        {
          productId: product.id,
          variantId: variant?.id ?? null,
          productTitle: product.title,
          variantTitle: variant?.title || null,
          sku: variant ? variant.sku : onlySku(product),
          pricePaid: keepDeal ? claim.pricePaid : regularPrice(product, variant),
          currency: keepDeal ? claim.currency : (currencyOf(product) ?? claim.currency),
          dealId: keepDeal ? claim.dealId : null,
        },
        fitsTarget ? 'confirmed' : 'waitlisted',
        `Moved from ${sameProduct ? (claim.variantTitle ?? 'the whole product') : unitName(claim)}`,
        at,
      );
      const promoted = claim.status === 'confirmed' ? this.promoteWaitlist(claim.showId, claim.productId, at) : [];
      return {
        changed: [moved, ...promoted],
        notices: [
          { viewerId: moved.viewerId, text: movedNotice(moved, this.waitlistPlace(moved)) },
          ...promoted.map((p) => ({ viewerId: p.viewerId, text: promotedNotice(p) })),
        ],
        stockChanged: claim.status === 'confirmed' || moved.status === 'confirmed',
        waitlists: [...(claim.status === 'waitlisted' || promoted.length > 0 ? [claim] : []), ...(moved.status === 'waitlisted' ? [moved] : [])],
      };
    });
    this.publish(outcome);
    return moved!;
  }

  /** An auction's winner: a confirmed claim at the winning price, in units left like any; once per auction (asked again, the same claim). */
  claimForAuction(request: AuctionClaimRequest): Claim {
    const made = this.store.insert(auctionClaim(request, request.productId === null ? null : this.findProduct(request.productId)));
    if (made) this.publish({ changed: [made], notices: [], stockChanged: true });
    return made ?? this.store.byMessage(auctionMessageId(request.auctionId))!;
  }

  /** The catalog changed (an import): the Claims tab's units left are re-sent. */
  catalogChanged(): void {
    this.claimsChanged();
  }

  /** Sends a waiting claimsChanged and stops sending (before the database closes). */
  close(): void {
    if (this.changedTimer) this.emitClaimsChanged();
    this.viewers.stop();
    this.closed = true;
  }

  exportCsv(input: { showId: number | null; all: boolean }): ExportedFile {
    const showId = input.showId ?? this.deps.activeShowId();
    // A rehearsal's claims are not orders: none may reach an invoice (docs/practice.md).
    if (showId !== null && this.store.isPractice(showId)) throw new StudioError('conflict', practiceExportRefusal(this.store.showName(showId)));
    const claims = this.store.ofShow(showId).filter((c) => input.all || c.status === 'confirmed');
    return {
      fileName: claimsFileName(showId === null ? null : this.store.showName(showId), this.now()),
      mimeType: 'text/csv;charset=utf-8',
      content: claimsCsv(claims),
    };
  }

  private claimFromChat(message: ChatMessage): Outcome | null {
    const settings = this.deps.settings();
    if (!settings.claimsFromChat || message.viewerId === null || message.role === 'host') return null;
    const viewerId = message.viewerId;
    const pin = this.deps.pins.pinAt(message.ts);
    const product = pin && pin.productId !== null ? this.findProduct(pin.productId) : null;
    const more = recogniseOneMore(message.text);
    if (this.endedAt !== null && message.ts <= this.endedAt) {
      // Approved after End show: whatever was pinned then is no longer for sale.
      const wouldClaim = more !== null || (product !== null && pin !== null && recogniseClaim(message.text, product, pin.variantId).claim);
      return wouldClaim ? { changed: [], notices: [{ viewerId, text: SHOW_ENDED_NOTICE }], stockChanged: false } : null;
    }
    if (more !== null) {
      if (!pin || !product) return { changed: [], notices: [{ viewerId, text: howToClaimNotice(null) }], stockChanged: false };
      return this.oneMore({ message, viewerId, pin, product, units: more, limit: settings.claimLimitPerViewer });
    }
    if (!pin || !product) return null;
    const reading = recogniseClaim(message.text, product, pin.variantId);
    if (!reading.claim) return null;
    if (reading.unknownOption) {
      // Asked, not guessed: the viewer's "sold M" that follows is the claim.
      if (this.store.byMessage(message.id)) return null;
      return { changed: [], notices: [{ viewerId, text: whichOptionNotice(product, this.example(pin.showId, product)) }], stockChanged: false };
    }
    const variant = reading.variantId === null ? null : (product.variants.find((v) => v.id === reading.variantId) ?? null);
    const deal = this.deps.deals.dealAt(pin.id, message.ts);
    // The pin's show, as the card counts it (PinService asks stockLeft with the pin's show).
    const showId = pin.showId;
    return this.store.transaction((): Outcome | null => {
      if (this.store.byMessage(message.id)) return null;
      const limit = settings.claimLimitPerViewer;
      if (limit !== null && this.store.heldByViewer(showId, viewerId, product.id) >= limit) {
        return { changed: [], notices: [{ viewerId, text: limitNotice(product.title, limit) }], stockChanged: false };
      }
      const confirmed = fits(this.ledger.availability(showId, product), variant?.id ?? null);
      const claim = this.store.insert(newClaim({ message, viewerId, messageId: message.id, pin, product, variant, deal, confirmed }));
      if (!claim) return null;
      const chooseLater = claim.variantId === null && product.variants.length > 1;
      const text = confirmed ? confirmedNotice(claim, chooseLater) : waitlistedNotice(claim, this.waitlistPlace(claim));
      return { changed: [claim], notices: [{ viewerId, text }], stockChanged: confirmed };
    });
  }

  /**
   * "Sold, one more please" from a viewer who holds a claim on the pinned
   * product: that many more of the same unit, as far as the per-viewer
   * limit allows; otherwise the viewer hears privately why, and how to claim.
   */
  private oneMore(r: { message: ChatMessage; viewerId: string; pin: PinRecord; product: ProductDetail; units: number; limit: number | null }): Outcome | null {
    const { message, viewerId, pin, product } = r;
    const showId = pin.showId;
    const deal = this.deps.deals.dealAt(pin.id, message.ts);
    const tell = (text: string): Outcome => ({ changed: [], notices: [{ viewerId, text }], stockChanged: false });
    return this.store.transaction((): Outcome | null => {
      if (this.store.byMessage(message.id)) return null;
      const held = this.store.heldByViewer(showId, viewerId, product.id);
      if (held === 0) return tell(howToClaimNotice(product.title));
      const room = r.limit === null ? r.units : Math.min(r.units, r.limit - held);
      if (room <= 0) return tell(moreLimitNotice(product.title, r.limit!));
      // The same unit again: the size or colour of their latest claim on it.
      const last = this.store.ofBuyer(showId, viewerId, 50).find((c) => c.productId === product.id && c.status !== 'cancelled');
      const variant = product.variants.find((v) => v.id === last?.variantId) ?? null;
      const made: Claim[] = [];
      const notices: { viewerId: string; text: string }[] = [];
      for (let unit = 1; unit <= room; unit++) {
        const confirmed = fits(this.ledger.availability(showId, product), variant?.id ?? null);
        const messageId = unit === 1 ? message.id : `${message.id}#${unit}`;
        const claim = this.store.insert(newClaim({ message, viewerId, messageId, pin, product, variant, deal, confirmed }));
        if (!claim) continue;
        made.push(claim);
        const chooseLater = claim.variantId === null && product.variants.length > 1;
        notices.push({ viewerId, text: confirmed ? confirmedNotice(claim, chooseLater) : waitlistedNotice(claim, this.waitlistPlace(claim)) });
      }
      if (room < r.units) notices.push({ viewerId, text: moreLimitNotice(product.title, r.limit!) });
      return { changed: made, notices, stockChanged: made.some((c) => c.status === 'confirmed') };
    });
  }

  /** Confirms the oldest waitlisted claims of a product that now fit (a unit came free). Inside a transaction. */
  private promoteWaitlist(showId: number | null, productId: number | null, at: number): Claim[] {
    if (productId === null) return [];
    const product = this.findProduct(productId);
    if (!product) return [];
    const promoted: Claim[] = [];
    for (const waiting of this.store.waitlist(showId, productId)) {
      if (waiting.variantId !== null && !product.variants.some((v) => v.id === waiting.variantId)) continue;
      if (!fits(this.ledger.availability(showId, product), waiting.variantId)) continue;
      promoted.push(this.store.setStatus(waiting.id, 'confirmed', 'Confirmed from the waitlist', at));
    }
    return promoted;
  }

  /** "#2 in line": 1 + the older waitlisted claims that want the same unit. */
  private waitlistPlace(claim: Claim): number {
    return this.store.waitlistAhead(claim) + 1;
  }

  /** A variant to quote in "reply e.g. sold M": one with units left, else the first. */
  private example(showId: number | null, product: ProductDetail): Variant | null {
    const left = this.ledger.availability(showId, product);
    return product.variants.find((v) => fits(left, v.id)) ?? product.variants[0] ?? null;
  }

  private existing(claimId: number): Claim {
    const claim = this.store.byId(claimId);
    if (!claim) throw new StudioError('not-found', 'That claim no longer exists.');
    return claim;
  }

  private findProduct(productId: number): ProductDetail | null {
    return findProduct(this.deps.catalog, productId);
  }

  private claimsChanged(): void {
    if (this.closed || this.changedTimer) return;
    const wait = this.lastChangedAt + CLAIMS_EVENT_MS - Date.now();
    if (wait <= 0) this.emitClaimsChanged();
    else this.changedTimer = setTimeout(() => this.emitClaimsChanged(), wait);
  }

  private emitClaimsChanged(): void {
    if (this.changedTimer) clearTimeout(this.changedTimer);
    this.changedTimer = null;
    this.lastChangedAt = Date.now();
    try {
      this.deps.events.emit('claimsChanged', this.list(null));
    } catch (error) {
      this.deps.log?.('the claims list could not be sent', error);
    }
  }

  /** After the commit: the panel hears of it, the card shows the new stock, the viewers get their notices. */
  private publish(outcome: Outcome): void {
    const active = this.deps.activeShowId();
    if (outcome.changed.some((c) => c.showId === active)) this.claimsChanged();
    if (outcome.stockChanged) {
      try {
        this.deps.pins.refresh().catch((error: unknown) => this.deps.log?.('the pinned card could not be refreshed', error));
      } catch (error) {
        this.deps.log?.('the pinned card could not be refreshed', error);
      }
    }
    for (const { viewerId, text } of outcome.notices) {
      try {
        this.deps.notify(viewerId, text);
      } catch (error) {
        this.deps.log?.(`a claim notice to ${viewerId} could not be sent`, error);
      }
    }
    // Each buyer whose claims changed (or whose place in a waitlist moved) gets their "My claims" again.
    const buyers = outcome.changed.map((c) => c.viewerId);
    for (const { showId, productId } of outcome.waitlists ?? []) {
      if (productId !== null) for (const waiting of this.store.waitlist(showId, productId)) buyers.push(waiting.viewerId);
    }
    if (buyers.length > 0) this.viewers.send(buyers);
  }
}

/**
 * claimsChanged carries the whole list, so a burst of "sold" (hundreds a
 * second when a popular item drops) would rebuild it for every claim: at
 * most one event per CLAIMS_EVENT_MS, the first at once, the rest trailing.
 */
export const CLAIMS_EVENT_MS = 100;
