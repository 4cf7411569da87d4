import { StudioError } from '../../shared/api/result.js';
import type { CheckoutLink, CheckoutSendResult, CheckoutState } from '../../shared/domain/checkout.js';
import { isCheckoutUrl } from '../../shared/selling/checkout-link.js';
import { CHECKOUT_LINKS_MAX } from '../../shared/sfu/protocol-claims.js';
import type { StudioDatabase } from '../db/open-database.js';
import type { StudioEventBus } from '../events/event-bus.js';
import { checkoutLines, lineLabel, type CheckoutLinker, type CheckoutShow } from './checkout-lines.js';
import { CheckoutStore, type UnsentClaim } from './checkout-store.js';

/** Checkout links as the API offers them. */
export interface CheckoutApi {
  list(showId: number | null): CheckoutState;
  send(input: { productId: number | null }): CheckoutSendResult;
}

export interface CheckoutServiceDeps {
  readonly db: StudioDatabase;
  /** Builds one buyer's links from the store settings (store-checkout-links.ts). */
  readonly linker: CheckoutLinker;
  /** Each buyer's "My claims" again, with the links in it (ViewerClaims.send: privately to their connections). */
  readonly deliver: (viewerIds: readonly string[]) => void;
  readonly events: StudioEventBus;
  readonly activeShowId: () => number | null;
  readonly showName: (showId: number) => string | null;
  readonly now?: () => number;
  readonly log?: (message: string, error?: unknown) => void;
}

/** A label on the buyer's page is at most this long (the protocol's limit). */
const LABEL_MAX = 140;

export const NO_SHOW = 'Open a show in the rundown first: checkout links go to the buyers of the active show.';
export const NOT_HTTPS = 'This link is not a safe https address on your store, so it was not sent: check the product’s Buy link and the store address in Settings → Store.';
export const DEFERRED = `More than ${CHECKOUT_LINKS_MAX} links for this buyer in one send: this one waits — press Send again to send it.`;
export const NOTHING_TO_LINK =
  'No checkout link could be made: set your store in Settings → Store (its address and platform), or give the products their own Buy links.';

/**
 * Claims become checkouts (issue 19). On the host's "Send checkout links"
 * (after a product, or "Send to everyone"), and at End show by itself, each
 * buyer's confirmed claims that no link covered yet become links — one
 * cart where the store's platform allows it, else one per item — stored
 * with the claims they cover (a claim is never sent twice), then delivered
 * privately inside that buyer's "My claims" (`viewerClaims`), which a
 * reload brings back.
 */
export class CheckoutService implements CheckoutApi {
  private readonly store: CheckoutStore;
  private readonly now: () => number;
  /** What the last send left out per buyer ("show:viewer"), for the Claims tab; kept in memory. */
  private readonly held = new Map<string, { item: string; reason: string }[]>();

  constructor(private readonly deps: CheckoutServiceDeps) {
    this.store = new CheckoutStore(deps.db);
    this.now = deps.now ?? Date.now;
  }

  list(showId: number | null): CheckoutState {
    const id = showId ?? this.deps.activeShowId();
    return { showId: id, buyers: this.store.buyers(id).map((b) => ({ ...b, notSent: b.unsent > 0 ? (this.held.get(`${id}:${b.viewerId}`) ?? []) : [] })) };
  }

  /**
   * Sends every buyer of the active show a link for their confirmed claims
   * not sent yet (of one product, or all). A buyer with nothing new is left
   * alone; items no link could be made for, claims at a deal or auction
   * price the store would not charge, links failing the https check and
   * links beyond CHECKOUT_LINKS_MAX are reported (and shown per buyer in
   * the Claims tab), not sent.
   */
  send(input: { productId: number | null }): CheckoutSendResult {
    const showId = this.deps.activeShowId();
    if (showId === null) throw new StudioError('conflict', NO_SHOW);
    const show: CheckoutShow = { id: showId, name: this.deps.showName(showId) ?? '' };
    const at = this.now();
    const result = this.store.transaction(() => {
      const notLinked: { viewerName: string; item: string; reason: string }[] = [];
      const sentTo: string[] = [];
      let items = 0;
      let linkProblems = 0;
      for (const claims of byBuyer(this.store.unsent(showId, input.productId))) {
        const buyer = claims[0]!;
        const linked = this.deps.linker(checkoutLines(claims), show);
        const left: { item: string; reason: string }[] = [];
        for (const { line, reason, kind } of linked.notLinked) {
          left.push({ item: lineLabel(line), reason });
          if (kind === 'no-link') linkProblems++;
        }
        const safe = linked.links.filter((link) => {
          if (isCheckoutUrl(link.url)) return true;
          left.push({ item: link.label, reason: NOT_HTTPS });
          return false;
        });
        const links = safe.slice(0, CHECKOUT_LINKS_MAX);
        for (const link of safe.slice(CHECKOUT_LINKS_MAX)) left.push({ item: link.label, reason: DEFERRED });
        for (const l of left) notLinked.push({ viewerName: buyer.viewerName, ...l });
        if (left.length > 0) this.held.set(`${showId}:${buyer.viewerId}`, left);
        else this.held.delete(`${showId}:${buyer.viewerId}`);
        if (links.length === 0) continue;
        this.store.insertSend(showId, buyer.viewerId, at, links.map(clean));
        sentTo.push(buyer.viewerId);
        items += links.reduce((n, link) => n + link.claimIds.length, 0);
      }
      return { buyers: sentTo, items, notLinked, linkProblems };
    });
    // Nothing sent and every item lacked a link: the store is not set up. Price holds are reported, not refused.
    if (result.buyers.length === 0 && result.linkProblems > 0 && result.linkProblems === result.notLinked.length) throw new StudioError('conflict', NOTHING_TO_LINK);
    if (result.buyers.length > 0) this.safely('the checkout links could not be delivered', () => this.deps.deliver(result.buyers));
    // The Claims tab shows who was sent a link, and what was held back with why.
    if (result.buyers.length > 0 || result.notLinked.length > 0) this.changed();
    return { buyers: result.buyers.length, items: result.items, notLinked: result.notLinked };
  }

  /** End show: every buyer still waiting gets their links (viewers are still on the page). Never throws. */
  showEnded(): void {
    if (this.deps.activeShowId() === null) return;
    try {
      const { buyers, notLinked } = this.send({ productId: null });
      if (notLinked.length > 0) this.deps.log?.(`${notLinked.length} claimed item(s) had no checkout link at the end of the show (${buyers} buyer(s) were sent one)`);
    } catch (error) {
      this.deps.log?.('the checkout links could not be sent at the end of the show', error);
    }
  }

  /** Claims changed: what is waiting changed (the Claims tab's "Not sent"). */
  claimsChanged(): void {
    this.changed();
  }

  private changed(): void {
    this.safely('the checkout list could not be sent', () => this.deps.events.emit('checkoutsChanged', this.list(null)));
  }

  private safely(what: string, work: () => void): void {
    try {
      work();
    } catch (error) {
      this.deps.log?.(what, error);
    }
  }
}

/** Claims grouped per buyer, buyers in the order they first claimed. */
function byBuyer(claims: readonly UnsentClaim[]): UnsentClaim[][] {
  const buyers = new Map<string, UnsentClaim[]>();
  for (const claim of claims) {
    const list = buyers.get(claim.viewerId);
    if (list) list.push(claim);
    else buyers.set(claim.viewerId, [claim]);
  }
  return [...buyers.values()];
}

/** The label as the buyer's page may show it: control characters out, bounded. */
function clean(link: CheckoutLink): CheckoutLink {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const label = link.label.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim();
  return { url: link.url, label: (label.length > LABEL_MAX ? `${label.slice(0, LABEL_MAX - 1)}…` : label) || 'Your items', claimIds: link.claimIds };
}
