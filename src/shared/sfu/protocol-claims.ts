import { z } from 'zod';
import { CONTACT_WIRE_MAX_CHARS } from '../selling/buyer-contact.js';
import { CHECKOUT_URL_MAX_CHARS, isCheckoutUrl } from '../selling/checkout-link.js';

/**
 * The buyer's side of claims in the SFU signaling protocol
 * (docs/sfu-protocol.md, "My claims and the buyer's contact").
 *
 * The studio keeps the claims (SQLite is the truth); the SFU only relays,
 * privately, and keeps nothing:
 * - a viewer who joins with a viewerKey is announced to the studio
 *   (`viewerJoined`, to the host connections that confirm chat: the
 *   studio's own link), which answers with that viewer's claims
 *   (`viewerClaims`), so "My claims" survives a reload;
 * - the studio sends `viewerClaims` again whenever one of that viewer's
 *   claims changes (claimed, waitlist place, confirmed, cancelled, moved);
 * - a viewer's contact for the seller (`claimContact`) goes to the studio
 *   only (`contactIncoming`), never to other viewers.
 * - the checkout links the seller sent this buyer (`checkouts`, optional)
 *   ride in the same private `viewerClaims`, so "Check out your N items"
 *   also survives a reload.
 * Everything here is plain text; clients render it as text, never HTML
 * (a checkout URL only as the href of a link, after checking it is https).
 */

/** The claims one viewer is sent: the newest, when there are more. */
export const MY_CLAIMS_MAX = 100;
/**
 * And at most this many bytes of them (UTF-8, the whole `viewerClaims`
 * frame): well inside the SFU's 64 KB frame limit, which long non-Latin
 * titles would pass at 100 claims (a frame over it closes the studio's link).
 */
export const MY_CLAIMS_MAX_BYTES = 48 * 1024;

const viewerId = z.string().min(1).max(64);
const money = z.string().regex(/^(0|[1-9]\d{0,11})(\.\d{1,4})?$/, 'A price is a decimal number such as "19.99".');

/** One claim as its buyer sees it. */
export const myClaimSchema = z
  .object({
    id: z.number().int().positive(),
    product: z.string().min(1).max(140),
    /** "M / Blue"; null: the whole product. */
    variant: z.string().min(1).max(80).nullable(),
    /** What the buyer pays (the deal price when a flash deal ran); null: the product has no price. */
    price: money.nullable(),
    currency: z.string().regex(/^[A-Z]{3}$/).nullable(),
    status: z.enum(['confirmed', 'waitlisted', 'cancelled']),
    /** Place in line while waitlisted ("#2"); null otherwise. */
    waitlistPlace: z.number().int().positive().nullable(),
    /** The seller changed it: moved it to another size or product, or cancelled it. */
    bySeller: z.enum(['moved', 'cancelled']).nullable(),
    /** Epoch ms, the studio's clock. */
    claimedAt: z.number().int().nonnegative(),
  })
  .strict();

export type MyClaim = z.output<typeof myClaimSchema>;

/** The checkout sends one viewer is sent: the newest. */
export const MY_CHECKOUTS_MAX = 5;
/** Links in one send (a cart is one; without carts, one per item). */
export const CHECKOUT_LINKS_MAX = 20;
/**
 * And at most this many bytes of the frame for them (UTF-8): the rest of
 * MY_CLAIMS_MAX_BYTES is left for the claims, so links never crowd the list out.
 */
export const MY_CHECKOUTS_MAX_BYTES = 16 * 1024;

/** One "Send checkout links" as its buyer sees it: a cart link, or one link per item. */
export const myCheckoutSchema = z
  .object({
    /** Epoch ms, the studio's clock. */
    sentAt: z.number().int().nonnegative(),
    /** The items (claims) these links buy: "Check out your 2 items". */
    items: z.number().int().positive().max(10_000),
    links: z
      .array(
        z
          .object({
            url: z.string().max(CHECKOUT_URL_MAX_CHARS).refine(isCheckoutUrl, 'A checkout link is an https address.'),
            label: z.string().min(1).max(140),
          })
          .strict(),
      )
      .min(1)
      .max(CHECKOUT_LINKS_MAX),
  })
  .strict();

export type MyCheckout = z.output<typeof myCheckoutSchema>;

/** Request shapes (without type/requestId); protocol.ts puts them in the request union. */
export const claimRequestShapes = {
  /** Viewer: where the seller can reach them about their order (the studio checks and stores it). */
  claimContact: { contact: z.string().min(1).max(CONTACT_WIRE_MAX_CHARS) },
  /** Host: one viewer's claims in the show, newest first, and the contact they gave; to all of that viewer's connections. */
  viewerClaims: {
    viewerId,
    claims: z.array(myClaimSchema).max(MY_CLAIMS_MAX),
    contact: z.string().min(1).max(CONTACT_WIRE_MAX_CHARS).nullable(),
    /** The checkout links sent to this viewer, newest first; absent or empty: none yet. */
    checkouts: z.array(myCheckoutSchema).max(MY_CHECKOUTS_MAX).optional(),
  },
} as const;

export interface ClaimReplyData {
  /** The studio has it now (it answers with `myClaims`, the contact in it, once stored). */
  claimContact: { readonly forwarded: true };
  /** How many of that viewer's connections got it (0: not connected now). */
  viewerClaims: { readonly delivered: number };
}

/** To one viewer's connections only: their claims and their contact, replacing what the page showed. */
export interface MyClaimsPush {
  readonly type: 'myClaims';
  readonly claims: readonly MyClaim[];
  readonly contact: string | null;
  /** The checkout links the seller sent this buyer, newest first (absent: none). */
  readonly checkouts?: readonly MyCheckout[];
}

/** To the studio's link only (host connections that joined with `confirmsChat`). */
export type StudioClaimPush =
  /** A viewer (with a viewerKey) joined: the studio may send its claims. */
  | { readonly type: 'viewerJoined'; readonly viewerId: string }
  /** A viewer's contact for the seller, as typed (the studio checks it). */
  | { readonly type: 'contactIncoming'; readonly viewerId: string; readonly contact: string };
