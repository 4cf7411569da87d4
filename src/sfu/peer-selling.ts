import crypto from 'node:crypto';
import { SELL_ACTION_RATE_LIMIT, type SellAction, type SellIncoming, type SellReplyData } from '../shared/sfu/protocol-selling.js';
import type { SignalRequest } from '../shared/sfu/protocol.js';
import { TokenBucket } from './rate-limit.js';
import type { Room } from './room.js';
import { rebaseSellState } from './room-selling.js';
import { SignalFailure } from './signal-failure.js';

/** A bid as the SFU accepts it: a plain positive decimal ("25", "25.50"); the watch page sends them so. */
const AMOUNT = /^(0|[1-9]\d{0,11})(\.\d{1,4})?$/;

type HostSellRequest = Extract<SignalRequest, { type: 'sellState' | 'sellNotice' }>;

/**
 * One viewer connection's bids and giveaway entries (docs/sfu-protocol.md,
 * "Auctions, giveaways, practice"). Checked here before anything reaches
 * the studio: a chat name (the leader's name is shown to everyone), the
 * action's own rate (a bidding war is fast, so apart from chat's), the
 * address's budget, the amount, and that the auction or giveaway is the
 * one running. Then the SFU's clock stamps it: the order bids arrive in is
 * the order the studio decides them in.
 */
export class PeerSelling {
  private readonly bucket = new TokenBucket(SELL_ACTION_RATE_LIMIT);

  constructor(
    /** One action's worth of the address's shared selling budget; false: the address is over it. */
    private readonly takeAddressToken: () => boolean,
  ) {}

  act(room: Room, identity: { readonly viewerId: string; readonly name: string | null } | null, action: SellAction): SellReplyData['sellAction'] {
    if (!identity) throw new SignalFailure('not-joined', 'Join a show first.');
    const what = action.kind === 'enterGiveaway' ? 'entering the giveaway' : 'bidding';
    if (identity.name === null) throw new SignalFailure('name-required', `Choose a display name before ${what}.`);
    if (!this.bucket.take()) throw new SignalFailure('rate-limited', 'Slow down a little — try again in a second.');
    if (!this.takeAddressToken()) throw new SignalFailure('rate-limited', 'Too many bids from your network right now; wait a moment.');
    checkAction(room, action);
    const incoming: SellIncoming = {
      id: crypto.randomUUID(),
      viewerId: identity.viewerId,
      name: identity.name,
      action,
      ts: Date.now(),
      watchingSince: room.selling.watchingSince(identity.viewerId),
    };
    // The studio's own link decides; a publishing page never hears viewers' bids.
    if (room.pushToStudio({ type: 'sellIncoming', action: incoming }) === 0) {
      const yours = action.kind === 'enterGiveaway' ? 'your entry was' : 'your bid was';
      throw new SignalFailure('unavailable', `The seller is not connected right now, so ${yours} not sent. Try again in a moment.`);
    }
    return { forwarded: true, ts: incoming.ts };
  }
}

/** Refuses what cannot be right whatever the studio decides: a malformed amount, an auction or giveaway that is not running. */
function checkAction(room: Room, action: SellAction): void {
  const { auction, giveaway } = room.selling.state;
  if (action.kind === 'enterGiveaway') {
    if (giveaway?.id !== action.giveawayId || giveaway.status !== 'open') throw new SignalFailure('conflict', 'This giveaway is not open for entries.');
    if (!giveaway.buttonEntry) {
      throw new SignalFailure('conflict', giveaway.keyword === null ? 'This giveaway is not open for entries.' : `Enter this giveaway by typing ${giveaway.keyword} in chat.`);
    }
    return;
  }
  if (!AMOUNT.test(action.amount) || Number(action.amount) <= 0) throw new SignalFailure('invalid-message', 'Enter an amount such as 25 or 25.50.');
  // Not the time: a soft close may have moved the end in a state still on its way; the studio decides "too late" on `ts`.
  if (auction?.id !== action.auctionId || auction.status !== 'running') throw new SignalFailure('conflict', 'This auction has ended.');
}

/**
 * The studio's selling requests. Its own link alone (joined with
 * confirmsChat): a publishing page or a producer's console may neither
 * change what every viewer sees for sale nor tell a viewer they won.
 */
export function handleHostSelling(
  room: Room,
  studioLink: boolean,
  request: HostSellRequest,
): SellReplyData['sellState'] | SellReplyData['sellNotice'] {
  if (!studioLink) throw new SignalFailure('forbidden', `Only the studio’s own link (joined with confirmsChat) may send "${request.type}".`);
  switch (request.type) {
    case 'sellState':
      // The auction's times arrive on the studio's clock; viewers count on this server's (the push carries serverTime).
      room.setSellState(request.hostNow === undefined ? request.state : rebaseSellState(request.state, request.hostNow, Date.now()));
      return {};
    case 'sellNotice': {
      const frame = JSON.stringify({ type: 'sellNotice', notice: request.notice });
      const targets = room.chat.connectionsOf(request.viewerId);
      for (const member of targets) member.sendFrame(frame);
      return { delivered: targets.length };
    }
  }
}

/** A viewer joined: its watch time counts from its first join of the show (not while the show is over). */
export function noteWatcher(room: Room, viewerId: string): void {
  if (!room.hasEnded) room.selling.viewerJoined(viewerId, Date.now());
}
