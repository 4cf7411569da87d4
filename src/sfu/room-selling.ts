import { EMPTY_SELL_STATE, type AuctionView, type ShowSellState } from '../shared/sfu/protocol-selling.js';

/** Viewer ids whose first join the room remembers; past it the oldest are forgotten (their watch time becomes unknown). */
export const MAX_WATCHERS_REMEMBERED = 50_000;

/**
 * A room's selling part on the SFU (docs/sfu-protocol.md, "Auctions,
 * giveaways, practice"): the studio's latest selling state for late joiners,
 * on this server's clock, and when each viewer id first joined the show (a
 * giveaway's minimum watch time). The studio decides everything; this only
 * keeps and relays.
 */
export class RoomSelling {
  private sellState: ShowSellState = EMPTY_SELL_STATE;
  /** viewerId → the SFU's clock when it first joined this show; kept across its reconnects. */
  private readonly firstJoined = new Map<string, number>();

  get state(): ShowSellState {
    return this.sellState;
  }

  /** Keeps the studio's state (already rebased onto this server's clock). */
  setState(state: ShowSellState): void {
    this.sellState = state;
  }

  /** A viewer joined (again): the first time counts. */
  viewerJoined(viewerId: string, now: number): void {
    if (this.firstJoined.has(viewerId)) return;
    if (this.firstJoined.size >= MAX_WATCHERS_REMEMBERED) {
      const oldest = this.firstJoined.keys().next().value;
      if (oldest !== undefined) this.firstJoined.delete(oldest);
    }
    this.firstJoined.set(viewerId, now);
  }

  /** When this viewer first joined the show (the SFU's clock); null: not known (forgotten, or joined before a restart). */
  watchingSince(viewerId: string): number | null {
    return this.firstJoined.get(viewerId) ?? null;
  }

  /**
   * The show ended: its selling state goes, and watch times start over with
   * the next show (viewers still connected are counted from its start).
   */
  showEnded(): void {
    this.sellState = EMPTY_SELL_STATE;
    this.firstJoined.clear();
  }

  /** The show started again with these viewers still connected: their watch time counts from now. */
  showRestarted(connectedViewerIds: Iterable<string>, now: number): void {
    for (const viewerId of connectedViewerIds) this.viewerJoined(viewerId, now);
  }
}

/**
 * Moves an auction's times from the sender's clock to the receiver's (as
 * rebaseDeal does for a flash deal): the sender stamped `senderNow` when it
 * sent the state, the receiver read `receiverNow` on arrival. Times stay
 * epoch ms ≥ 0 and in order (started ≤ ends; ended ≥ started).
 */
export function rebaseSellState(state: ShowSellState, senderNow: number, receiverNow: number): ShowSellState {
  if (state.auction === null) return state;
  return { ...state, auction: rebaseAuction(state.auction, receiverNow - senderNow) };
}

function rebaseAuction(auction: AuctionView, shift: number): AuctionView {
  const startedAt = Math.max(0, auction.startedAt + shift);
  const endsAt = Math.max(startedAt, auction.endsAt + shift);
  const endedAt = auction.endedAt === null ? null : Math.max(startedAt, auction.endedAt + shift);
  return { ...auction, startedAt, endsAt, endedAt };
}
