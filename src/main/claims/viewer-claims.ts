import type { Claim } from '../../shared/domain/selling.js';
import { checkBuyerContact } from '../../shared/selling/buyer-contact.js';
import {
  MY_CHECKOUTS_MAX_BYTES,
  MY_CLAIMS_MAX,
  MY_CLAIMS_MAX_BYTES,
  myClaimSchema,
  type MyCheckout,
  type MyClaim,
} from '../../shared/sfu/protocol-claims.js';
import type { SignalRequestBody } from '../../shared/sfu/signal-requests.js';
import type { ClaimStore } from './claim-store.js';

/** One viewer's "My claims": their claims in the active show, newest first, and the contact they gave. */
export interface ViewerClaimsList {
  readonly claims: readonly MyClaim[];
  readonly contact: string | null;
  /** The checkout links sent to them in the show, newest first (absent: none). */
  readonly checkouts?: readonly MyCheckout[];
}

/** The `viewerClaims` request that carries a list to the viewer's connections (the SFU relays it as `myClaims`). */
export function viewerClaimsRequest(viewerId: string, list: ViewerClaimsList): SignalRequestBody<'viewerClaims'> {
  const checkouts = list.checkouts && list.checkouts.length > 0 ? { checkouts: [...list.checkouts] } : {};
  return { type: 'viewerClaims', viewerId, claims: [...list.claims], contact: list.contact, ...checkouts };
}

export interface ViewerClaimsDeps {
  readonly store: ClaimStore;
  /** Privately to one viewer's connections (LiveService: `viewerClaims`); absent: nowhere to send (tests of the rules). */
  readonly send?: (viewerId: string, list: ViewerClaimsList) => void;
  /** A private line to one viewer (a refused contact says why). */
  readonly notify: (viewerId: string, text: string) => void;
  readonly activeShowId: () => number | null;
  /** The checkout links sent to a buyer in a show, newest first (CheckoutStore.myCheckouts); absent: none. */
  readonly checkouts?: (showId: number | null, viewerId: string) => MyCheckout[];
  readonly now: () => number;
  /** A contact was stored: the Claims tab shows it. */
  readonly contactSaved: () => void;
  readonly log?: (message: string, error?: unknown) => void;
}

/**
 * A rejoin re-sends every buyer's list in slices: 100 each half second
 * (200/s) stays under the SFU's budget for `viewerClaims` (burst 500,
 * 250/s, sfu-options.ts), so however many buyers a show has, a reconnect
 * can never be refused for rate, let alone drop the studio's link.
 */
export const RESEND_SLICE = 100;
export const RESEND_INTERVAL_MS = 500;

/** A contact from a viewer with no claim in the show is not kept; they hear why. */
export const NO_CLAIM_YET = 'Claim something first; then you can tell the seller how to reach you.';

const PRODUCT_MAX = 140;
const VARIANT_MAX = 80;

/**
 * A buyer's own view of their claims, kept on the watch page as "My
 * claims": built from the database (the truth) and sent privately to that
 * viewer's connections — after each change to one of their claims, when
 * they (re)join (so it survives a reload), and to everyone when the
 * studio's link joins a room again. Also where the viewer's contact for the
 * seller arrives: checked, stored per viewer, never logged and never sent
 * to anyone but that viewer (and the host's own screens).
 */
export class ViewerClaims {
  /** Buyers still to get their list again after the studio's link rejoined (see everyone()). */
  private resendQueue: string[] = [];
  private resendTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly deps: ViewerClaimsDeps) {}

  /** What the viewer's "My claims" shows now: the newest claims that fit in one frame (MY_CLAIMS_MAX, MY_CLAIMS_MAX_BYTES). */
  of(viewerId: string): ViewerClaimsList {
    const { store } = this.deps;
    const showId = this.deps.activeShowId();
    const contact = store.contactOf(viewerId);
    const newest = store.ofBuyer(showId, viewerId, MY_CLAIMS_MAX).map((c) => this.mine(c));
    const checkouts = fittingCheckouts(this.deps.checkouts?.(showId, viewerId) ?? []);
    const withCheckouts = checkouts.length > 0 ? { checkouts } : {};
    return { claims: fitting(viewerId, newest, contact, checkouts), contact, ...withCheckouts };
  }

  /** Sends each viewer their list (after a change). Never throws. */
  send(viewerIds: Iterable<string>): void {
    const send = this.deps.send;
    if (!send) return;
    for (const viewerId of new Set(viewerIds)) {
      try {
        send(viewerId, this.of(viewerId));
      } catch (error) {
        this.deps.log?.(`the claims of viewer ${viewerId} could not be sent to them`, error);
      }
    }
  }

  /** A viewer (re)joined the room: their list again, when they have claims in the show or gave a contact. */
  viewerJoined(viewerId: string): void {
    try {
      const list = this.of(viewerId);
      if (list.claims.length > 0 || list.contact !== null || list.checkouts !== undefined) this.deps.send?.(viewerId, list);
    } catch (error) {
      this.deps.log?.(`the claims of viewer ${viewerId} could not be sent to them`, error);
    }
  }

  /**
   * The studio's link (re)joined a room: every buyer of the active show gets
   * their list (those connected receive it), RESEND_SLICE at a time every
   * RESEND_INTERVAL_MS. Another rejoin meanwhile starts over.
   */
  everyone(): void {
    this.stop();
    try {
      this.resendQueue = this.deps.store.buyers(this.deps.activeShowId());
    } catch (error) {
      this.deps.log?.('the buyers’ claims could not be sent again', error);
      return;
    }
    this.resendSlice();
  }

  /**
   * Sends many buyers their list (checkout links went out to a whole show):
   * the first RESEND_SLICE now, the rest in slices like everyone(), within
   * the SFU's budget. Buyers already waiting are not queued twice.
   */
  sendInSlices(viewerIds: readonly string[]): void {
    const waiting = new Set(this.resendQueue);
    this.resendQueue.push(...new Set(viewerIds.filter((id) => !waiting.has(id))));
    if (this.resendTimer === null) this.resendSlice();
  }

  /** Stops a re-send under way (the service closes). */
  stop(): void {
    if (this.resendTimer) clearTimeout(this.resendTimer);
    this.resendTimer = null;
    this.resendQueue = [];
  }

  private resendSlice(): void {
    this.resendTimer = null;
    this.send(this.resendQueue.splice(0, RESEND_SLICE));
    if (this.resendQueue.length === 0) return;
    this.resendTimer = setTimeout(() => this.resendSlice(), RESEND_INTERVAL_MS);
    this.resendTimer.unref?.();
  }

  /**
   * A viewer's contact for the seller, as typed: stored when it is an e-mail
   * or an @handle and the viewer has a claim in the active show, else the
   * viewer hears why. Never throws.
   */
  saveContact(viewerId: string, raw: string): void {
    try {
      const check = checkBuyerContact(raw);
      // A refusal also sends the list back: the page then shows the contact the studio keeps, not the one typed.
      if (!check.ok) {
        this.deps.notify(viewerId, check.reason);
        this.send([viewerId]);
        return;
      }
      // Only a buyer has an order to be reached about: nobody else's contact is kept.
      if (this.deps.store.ofBuyer(this.deps.activeShowId(), viewerId, 1).length === 0) {
        this.deps.notify(viewerId, NO_CLAIM_YET);
        this.send([viewerId]);
        return;
      }
      this.deps.store.setContact(viewerId, check.contact, this.deps.now());
      this.send([viewerId]);
      this.deps.contactSaved();
    } catch (error) {
      // The contact itself is personal data: never in the log.
      this.deps.log?.(`the contact of viewer ${viewerId} could not be saved`, error);
      this.send([viewerId]);
    }
  }

  private mine(claim: Claim): MyClaim {
    const waitlisted = claim.status === 'waitlisted';
    return {
      id: claim.id,
      product: cut(claim.productTitle, PRODUCT_MAX) || 'Product',
      variant: claim.variantTitle ? cut(claim.variantTitle, VARIANT_MAX) || null : null,
      // What the protocol would refuse is left out, never the whole list.
      price: myClaimSchema.shape.price.safeParse(claim.pricePaid).success ? claim.pricePaid : null,
      currency: myClaimSchema.shape.currency.safeParse(claim.currency).success ? claim.currency : null,
      status: claim.status,
      waitlistPlace: waitlisted ? this.deps.store.waitlistAhead(claim) + 1 : null,
      bySeller: claim.status === 'cancelled' ? 'cancelled' : claim.note?.startsWith('Moved from') ? 'moved' : null,
      claimedAt: claim.claimedAt,
    };
  }
}

/** The largest request id a link sends, as the frame's envelope counts it. */
const ENVELOPE_REQUEST_ID = Number.MAX_SAFE_INTEGER;

/**
 * The newest claims whose `viewerClaims` frame stays within
 * MY_CLAIMS_MAX_BYTES (UTF-8): older ones are left out rather than a frame
 * the SFU would refuse by closing the studio's link.
 */
function fitting(viewerId: string, newest: readonly MyClaim[], contact: string | null, checkouts: readonly MyCheckout[]): MyClaim[] {
  const envelope = { type: 'viewerClaims', requestId: ENVELOPE_REQUEST_ID, viewerId, claims: [], contact, ...(checkouts.length > 0 ? { checkouts } : {}) };
  let bytes = Buffer.byteLength(JSON.stringify(envelope), 'utf8');
  const kept: MyClaim[] = [];
  for (const claim of newest) {
    // Each claim after the first also costs its comma.
    bytes += Buffer.byteLength(JSON.stringify(claim), 'utf8') + (kept.length > 0 ? 1 : 0);
    if (bytes > MY_CLAIMS_MAX_BYTES) break;
    kept.push(claim);
  }
  return kept;
}

/** The newest checkout sends that fit in MY_CHECKOUTS_MAX_BYTES (UTF-8), so the links never crowd the claims out of the frame. */
function fittingCheckouts(newest: readonly MyCheckout[]): MyCheckout[] {
  let bytes = 0;
  const kept: MyCheckout[] = [];
  for (const checkout of newest) {
    bytes += Buffer.byteLength(JSON.stringify(checkout), 'utf8') + 1;
    if (bytes > MY_CHECKOUTS_MAX_BYTES) break;
    kept.push(checkout);
  }
  return kept;
}

/** Trimmed, control characters out, cut by code point to the protocol's limit (UTF-16 units). */
function cut(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim();
  if (clean.length <= max) return clean;
  let out = '';
  for (const char of clean) {
    if (out.length + char.length > max - 1) break;
    out += char;
  }
  return `${out.trimEnd()}…`;
}
