import type { ChatViewer } from '../../shared/domain/chat.js';
import type { PinRecord, PinState } from '../../shared/domain/live.js';
import type { Settings } from '../../shared/domain/settings.js';
import type { AuctionView, SellNotice } from '../../shared/sfu/protocol-selling.js';
import type { AuctionClaimRequest } from '../claims/auction-claim.js';
import type { ProductReader } from '../claims/stock-ledger.js';
import type { StudioDatabase } from '../db/open-database.js';
import type { StudioEventBus } from '../events/event-bus.js';
import type { NoticeBudget } from '../sell-board/notice-budget.js';

/** What the auction service needs (src/main/core/live-selling.ts wires it). */
export interface AuctionServiceDeps {
  readonly db: StudioDatabase;
  /** The pin service: the current pin (what an auction runs on), and when a pin stops showing. */
  readonly pins: { state(): PinState; onPinEnded(listener: (pin: PinRecord, at: number) => void): () => void; pinAt(at: number): PinRecord | null };
  /** The catalog, to read a chat claim on the auctioned item as claims read it. */
  readonly catalog: ProductReader;
  /** The winner's confirmed claim (idempotent per auction); returns its id. */
  readonly claims: { claimForAuction(request: AuctionClaimRequest): { readonly id: number } };
  /** Every viewer's selling state (coalesced) and private lines (src/main/sell-board). */
  readonly board: { setAuction(view: AuctionView | null): void; notify(viewerId: string, notice: SellNotice): void; flush(): void };
  readonly events: StudioEventBus;
  /** The chat's record of a viewer: a banned or timed-out viewer may not bid (a moderator may). */
  readonly viewer: (viewerId: string) => ChatViewer | null;
  /** Settings → Selling (the bid increment table, read at each start). */
  readonly settings: () => Settings['selling'];
  readonly activeShowId: () => number | null;
  readonly now?: () => number;
  /** The studio link's budget for private lines, shared with giveaways (default: one of its own). */
  readonly noticeBudget?: NoticeBudget;
  readonly log?: (message: string, error?: unknown) => void;
  /** How long past the end the close waits for bids in flight (default AUCTION_CLOSE_GRACE_MS). */
  readonly graceMs?: number;
}
