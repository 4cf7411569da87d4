import { z } from 'zod';

/**
 * Guests on air (docs/sfu-protocol.md, "Guests"): co-hosts, brand reps and
 * customers who join the show from an invite link in a browser, with no
 * install, and whom the host brings on air.
 *
 * Who decides what:
 * - The studio (SQLite is the truth) makes the invites: a random token per
 *   invite, shown to the host as a link `<sfu>/guest/<show>#invite=<token>`
 *   (the token is in the fragment, so it never reaches a server log). It sends
 *   the SFU the show's whole list of live invites (`guestInvites`: only the
 *   SHA-256 of each token, its expiry on the studio's clock with `hostNow`, and
 *   whether it is single-use), again after every rejoin; a revoked or expired
 *   invite is simply absent from the next list, and the SFU closes the
 *   connections of guests who came in with an invite no longer listed.
 * - A guest page joins with role `guest`, its invite token, a display name and
 *   its own `guestKey` (random, kept in the page's storage): the SFU admits it
 *   while the invite is listed and not expired. A single-use invite binds to the
 *   first guestKey that joined with it: the same person may reload, a second
 *   person is refused. The guest's id is derived from (inviteId, guestKey), so a
 *   reload keeps the guest's place on air.
 * - The guest produces one audio and one video feed (its camera and mic) on a
 *   send transport. Viewers never receive guest feeds: the studio's publisher
 *   consumes them (a host connection may open a recv transport) and draws them
 *   into the program, whose feeds viewers get.
 * - The studio's link says who is on air, muted, hidden or removed
 *   (`guestControl`). Muting and hiding pause the guest's producer on the SFU
 *   (nothing reaches anyone, whatever the guest's page does). Removing closes the
 *   guest's connections; the studio also drops the invite from its list.
 * - A guest hears the program without their own voice: the host's `return`
 *   audio feed (the program mix without guests) plus the audio of every OTHER
 *   guest on air, and sees the program (the host's `main` video feed). A guest
 *   may consume exactly those producers, nothing else: no other guest's
 *   video, and no other guest's audio while either of them is backstage.
 * Every string is plain text: clients render it as text, never HTML.
 */

/** Guests connected to a show at once (backstage and on air). */
export const MAX_GUESTS_PER_SHOW = 8;
/** Guests on air at once: with the host camera, a grid of up to four. */
export const MAX_GUESTS_ON_AIR = 3;
/** Live invites per show (used and unused). */
export const MAX_GUEST_INVITES = 50;

const epochMs = z.number().int().nonnegative();
export const guestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
export const guestInviteIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
/** The token in an invite link: 32 random bytes, base64url (43 characters). */
export const guestTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,128}$/, 'This invite link is not complete.');
/** The guest page's own random key (reload = same guest). */
export const guestKeySchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
/** A guest's display name: the host shows it on their tile. */
export const guestNameSchema = z
  .string()
  .trim()
  .min(1, 'Type the name the host and viewers will see.')
  .max(40, 'A name is 40 characters at most.')
  // eslint-disable-next-line no-control-regex
  .refine((s) => !/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(s), 'A name may not hold control characters.');

export const guestInviteEntrySchema = z
  .object({
    inviteId: guestInviteIdSchema,
    /** SHA-256 of the token, lowercase hex. */
    tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
    /** The host's label ("Dana from Acme"), shown in the studio's backstage; the guest types their own name. */
    label: z.string().max(60),
    /** On the sender's clock (see `hostNow`); null: until revoked. */
    expiresAt: epochMs.nullable(),
    singleUse: z.boolean(),
  })
  .strict();
export type GuestInviteEntry = z.output<typeof guestInviteEntrySchema>;

export const GUEST_CONTROL_ACTIONS = ['onAir', 'backstage', 'mute', 'unmute', 'hideCamera', 'showCamera', 'remove'] as const;
export type GuestControlAction = (typeof GUEST_CONTROL_ACTIONS)[number];

/** Request shapes (wrapped into signalRequestSchema in protocol.ts). */
export const guestRequestShapes = {
  /**
   * The studio's link only: the show's whole list of live invites, replacing the
   * last one. `hostNow` (the sender's clock when sending) moves `expiresAt` onto
   * the SFU's clock. Guests whose invite is no longer listed are disconnected.
   */
  guestInvites: {
    invites: z.array(guestInviteEntrySchema).max(MAX_GUEST_INVITES),
    hostNow: epochMs,
  },
  /**
   * The studio's link only. `onAir` is refused (`conflict`) when MAX_GUESTS_ON_AIR
   * are on air already; `remove` closes the guest's connections (close code
   * guestRemoved) and forgets the guest.
   */
  guestControl: {
    guestId: guestIdSchema,
    action: z.enum(GUEST_CONTROL_ACTIONS),
  },
} as const;

/** One guest as every host connection sees it (the `guests` push, and `room.guests` in a host's join reply). */
export interface GuestPeer {
  readonly guestId: string;
  readonly inviteId: string;
  readonly name: string;
  /** On air; the order of `onAirOrder` in the push is the guest slots' order. */
  readonly onAir: boolean;
  /** The host muted the mic / hid the camera (the SFU pauses that producer). */
  readonly audioMuted: boolean;
  readonly videoHidden: boolean;
  /** The guest's page is connected (an on-air guest who dropped stays listed, still on air in its slot, for a minute). */
  readonly connected: boolean;
  /** The guest's current feeds: consume them on the host's recv transport. */
  readonly producers: readonly { readonly producerId: string; readonly kind: 'audio' | 'video' }[];
  readonly joinedAt: number;
}

/** What a guest's page is told about itself and what to play. */
export interface GuestView {
  readonly guestId: string;
  readonly name: string;
  readonly onAir: boolean;
  readonly audioMuted: boolean;
  readonly videoHidden: boolean;
  /**
   * The producers this guest may and should play: the host's `main` video
   * (the program: the return feed), the host's `return` audio, and the audio of
   * every other guest on air while this guest is on air too. Replaced whole on
   * every change.
   */
  readonly play: readonly { readonly producerId: string; readonly kind: 'audio' | 'video'; readonly from: 'program' | 'guest' }[];
  /** The show is live (the host publishes). */
  readonly live: boolean;
}

export type GuestPush =
  /** To every host connection: the show's guests, whenever anything about them changes. */
  | { readonly type: 'guests'; readonly guests: readonly GuestPeer[]; readonly onAirOrder: readonly string[] }
  /** To one guest's connections: what changed about them and what to play. */
  | { readonly type: 'guestView'; readonly view: GuestView };

export interface GuestReplyData {
  guestInvites: { readonly active: number };
  guestControl: { readonly guest: GuestPeer | null };
}
