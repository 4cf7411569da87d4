import { z } from 'zod';

/**
 * Auctions, giveaways and practice shows in the SFU signaling protocol
 * (docs/sfu-protocol.md, "Auctions, giveaways, practice").
 *
 * The studio decides (SQLite is the truth); the SFU relays, stamps and keeps
 * only the latest state for late joiners:
 * - a viewer's bid, maximum bid or giveaway entry (`sellAction`) is stamped
 *   with the SFU's clock (`ts`: the arrival order is the order decided) and
 *   pushed to the studio's link as `sellIncoming`; the viewer's reply only
 *   says it was forwarded — the verdict comes privately as `sellNotice`;
 * - the studio sends the show's selling state (`sellState`: the running or
 *   last auction, giveaway, practice flag); the SFU moves its times onto its
 *   own clock (`hostNow`, as with a flash deal's card), keeps it (late
 *   joiners get it in `room.sell`) and pushes it to every connection;
 * - private lines to one viewer (`sellNotice`: "You're winning", "Outbid",
 *   "Bid refused: …", "You're in the giveaway", "You won!").
 * Every string is plain text: clients render it as text, never HTML.
 */

/** Per viewer connection, apart from chat's limit: a bidding war is fast. */
export const SELL_ACTION_RATE_LIMIT = { burst: 10, perSecond: 10 } as const;

const money = z.string().regex(/^(0|[1-9]\d{0,11})(\.\d{1,4})?$/, 'A price is a decimal number such as "19.99".');
const viewerId = z.string().min(1).max(64);
const epochMs = z.number().int().nonnegative();
const person = z.object({ viewerId, name: z.string().min(1).max(60) }).strict();

/** What every viewer sees of an auction (the reserve amount stays private: only whether it is met). */
export const auctionViewSchema = z
  .object({
    id: z.number().int().positive(),
    /** "Denim jacket — M / Blue". */
    title: z.string().min(1).max(200),
    currency: z.string().regex(/^[A-Z]{3}$/).nullable(),
    startPrice: money,
    /** null: no bid yet. */
    price: money.nullable(),
    /** The least the next bid may be. */
    nextBid: money,
    leader: person.nullable(),
    bids: z.number().int().nonnegative(),
    bidders: z.number().int().nonnegative(),
    mode: z.enum(['soft', 'sudden-death']),
    extendSeconds: z.number().int().positive(),
    /** null: no reserve. */
    reserveMet: z.boolean().nullable(),
    startedAt: epochMs,
    /** Moves with soft close; on the SFU's clock once relayed. */
    endsAt: epochMs,
    status: z.enum(['running', 'sold', 'unsold', 'cancelled']),
    /** Sold: who won, at what price. */
    winner: person.nullable(),
    /** When it ended (null while running). */
    endedAt: epochMs.nullable(),
  })
  .strict();

export type AuctionView = z.output<typeof auctionViewSchema>;

export const giveawayViewSchema = z
  .object({
    id: z.number().int().positive(),
    prize: z.string().min(1).max(200),
    /** Typing this in chat enters (case-insensitive, whole message or word); null: the Enter button only. */
    keyword: z.string().min(1).max(40).nullable(),
    /** The watch page shows an Enter button. */
    buttonEntry: z.boolean(),
    /** The seller's rules ("No purchase necessary…"), shown to viewers. */
    rules: z.string().max(2000),
    /** Only viewers watching at least this long may enter; null: anyone. */
    minWatchMinutes: z.number().int().positive().nullable(),
    status: z.enum(['open', 'closed', 'drawn', 'cancelled']),
    entries: z.number().int().nonnegative(),
    /** SHA-256 of the seed (hex), published when entries close, before the draw. */
    commitment: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
    /** Revealed after the draw (hex); with the entry list anyone can recompute the winner. */
    seed: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
    winner: person.nullable(),
  })
  .strict();

export type GiveawayView = z.output<typeof giveawayViewSchema>;

/** The show's selling state as viewers get it (room.sell, `sellState` pushes). */
export const showSellStateSchema = z
  .object({
    /** A practice show (rehearsal): the watch page shows a PRACTICE banner; nothing counts. */
    practice: z.boolean(),
    /** The running auction, or the last one (its result) until the next starts or the pin changes; null: none. */
    auction: auctionViewSchema.nullable(),
    /** The open giveaway, or the last one drawn; null: none. */
    giveaway: giveawayViewSchema.nullable(),
  })
  .strict();

export type ShowSellState = z.output<typeof showSellStateSchema>;

export const EMPTY_SELL_STATE: ShowSellState = { practice: false, auction: null, giveaway: null };

/** What a viewer asks for on the watch page. */
export const sellActionSchema = z.discriminatedUnion('kind', [
  /** A bid of exactly `amount` ("Bid $25", or a custom amount). */
  z.object({ kind: z.literal('bid'), auctionId: z.number().int().positive(), amount: z.string().min(1).max(32) }).strict(),
  /** "Bid for me up to": the studio bids one increment at a time up to it. */
  z.object({ kind: z.literal('maxBid'), auctionId: z.number().int().positive(), amount: z.string().min(1).max(32) }).strict(),
  z.object({ kind: z.literal('enterGiveaway'), giveawayId: z.number().int().positive() }).strict(),
]);

export type SellAction = z.output<typeof sellActionSchema>;

export const sellNoticeSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('bid'),
      auctionId: z.number().int().positive(),
      /** accepted: your bid leads; refused: see reason; outbid: someone bid more; won: sold to you. */
      outcome: z.enum(['accepted', 'refused', 'outbid', 'won']),
      /** A BidRefusal code (src/shared/auction/auction-types.ts) when refused. */
      reason: z.string().max(40).nullable(),
      /** Your bid, or the price now. */
      amount: money.nullable(),
      /** In host words: "Outbid: the price is now $30." */
      text: z.string().min(1).max(300),
    })
    .strict(),
  z
    .object({
      kind: z.literal('giveaway'),
      giveawayId: z.number().int().positive(),
      outcome: z.enum(['entered', 'refused', 'won']),
      text: z.string().min(1).max(300),
    })
    .strict(),
]);

export type SellNotice = z.output<typeof sellNoticeSchema>;

/** Request shapes (without type/requestId); protocol.ts puts them in the request union. */
export const sellRequestShapes = {
  /** Viewer (with a chat name: the leader's name is shown): a bid, a maximum or a giveaway entry. */
  sellAction: { action: sellActionSchema },
  /** Host: the show's selling state for every viewer; `hostNow` as in setPin (times are moved onto the SFU's clock). */
  sellState: { state: showSellStateSchema, hostNow: epochMs.optional() },
  /** Host: a private line to one viewer's connections. */
  sellNotice: { viewerId, notice: sellNoticeSchema },
} as const;

export interface SellReplyData {
  /** The SFU's clock when it arrived: the order bids are decided in. The verdict comes as a `sellNotice`. */
  sellAction: { readonly forwarded: true; readonly ts: number };
  sellState: Record<string, never>;
  /** How many of that viewer's connections got it (0: not connected now). */
  sellNotice: { readonly delivered: number };
}

/** A viewer's action on its way to the studio. */
export interface SellIncoming {
  /** Unique per action (the SFU's id): the bid's id in the bid log. */
  readonly id: string;
  readonly viewerId: string;
  /** The viewer's chat name when they acted. */
  readonly name: string;
  readonly action: SellAction;
  /** Epoch ms, the SFU's clock. */
  readonly ts: number;
  /** When this viewer (this viewer id) first joined the show's room, the SFU's clock; null: unknown. */
  readonly watchingSince: number | null;
}

export type SellPush =
  /** To every connection: the show's selling state; `serverTime` as in `pin`. */
  | { readonly type: 'sellState'; readonly state: ShowSellState; readonly serverTime: number }
  /** To one viewer's connections only. */
  | { readonly type: 'sellNotice'; readonly notice: SellNotice }
  /** To the studio's link only (host connections that joined with `confirmsChat`). */
  | { readonly type: 'sellIncoming'; readonly action: SellIncoming };
