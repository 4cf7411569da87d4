import type { ChatMessage, ChatViewer } from '../../shared/domain/chat.js';
import type { Settings } from '../../shared/domain/settings.js';
import type { ChatIncomingMessage } from '../../shared/sfu/protocol-chat.js';
import { AuctionService, type AuctionServiceDeps } from '../auctions/auction-service.js';
import type { StudioDatabase } from '../db/open-database.js';
import type { StudioEventBus } from '../events/event-bus.js';
import { GiveawayService } from '../giveaways/giveaway-service.js';
import type { LiveService } from '../live/live-service.js';
import { NOTICE_BUDGET, NoticeBudget } from '../sell-board/notice-budget.js';
import { SellBoard, SellInbox } from '../sell-board/sell-board.js';

/**
 * How viewers' selling actions reach the studio's services, built before
 * the chat service (which hands approved messages to `readApproved`): the
 * board that sends the selling state to every viewer, the inbox for bids
 * and entries from the watch page, and the readers an approved chat message
 * goes through before it may be a claim.
 */
export interface SellingInputs {
  readonly board: SellBoard;
  readonly inbox: SellInbox;
  /** Readers of approved chat messages before claims; one that returns true took the message. */
  readonly approvedReaders: ((message: ChatMessage) => boolean)[];
  /** An approved message: true when an auction or a giveaway took it (it is then not a claim). */
  readApproved(message: ChatMessage): boolean;
  /** A viewer's message arrived: remember since when they watch (the SFU's clock), for a giveaway's minimum. */
  noteWatching(message: ChatIncomingMessage): void;
  watchingSince(viewerId: string | null): number | null;
}

export function createSellingInputs(live: LiveService): SellingInputs {
  // Auctions, giveaways and the practice flag reach viewers through one board (coalesced).
  const board = new SellBoard({ target: live });
  const inbox = new SellInbox(({ viewerId, action }) =>
    live.sendSellNotice(
      viewerId,
      action.kind === 'enterGiveaway'
        ? { kind: 'giveaway', giveawayId: action.giveawayId, outcome: 'refused', text: 'No giveaway is open right now.' }
        : { kind: 'bid', auctionId: action.auctionId, outcome: 'refused', reason: 'closed', amount: null, text: 'No auction is running right now.' },
    ),
  );
  live.setSellListener((incoming) => inbox.receive(incoming));
  const approvedReaders: ((message: ChatMessage) => boolean)[] = [];
  const watching = new Map<string, number | null>();
  return {
    board,
    inbox,
    approvedReaders,
    readApproved: (message) => approvedReaders.some((read) => read(message)),
    noteWatching: (message) => watching.set(message.viewerId, message.watchingSince ?? null),
    watchingSince: (viewerId) => (viewerId === null ? null : (watching.get(viewerId) ?? null)),
  };
}

export interface AuctionsAndGiveawaysDeps {
  readonly inputs: SellingInputs;
  readonly db: StudioDatabase;
  readonly events: StudioEventBus;
  readonly pins: AuctionServiceDeps['pins'];
  readonly claims: AuctionServiceDeps['claims'];
  /** The catalog, so the auction reads a chat claim on its item as claims do. */
  readonly catalog: AuctionServiceDeps['catalog'];
  /** The chat's record of a viewer (bans, timeouts, moderators). */
  readonly viewer: (viewerId: string) => ChatViewer | null;
  /** A host line in chat (a giveaway's winner). */
  readonly announce: (text: string) => void;
  readonly settings: () => Settings['selling'];
  readonly activeShowId: () => number | null;
}

/**
 * Auctions on the pinned product (bids from the watch page and from approved
 * chat: "25", "bid 30"; the winner gets a confirmed claim) and giveaways
 * (entries by the chat keyword and the Enter button).
 */
export function startAuctionsAndGiveaways(deps: AuctionsAndGiveawaysDeps): { auctions: AuctionService; giveaways: GiveawayService } {
  const { inputs } = deps;
  // Bidders' and entrants' private lines share one budget on the studio's link (chat keeps the rest).
  const noticeBudget = new NoticeBudget(NOTICE_BUDGET, Date.now);
  const auctions = new AuctionService({
    db: deps.db,
    pins: deps.pins,
    claims: deps.claims,
    board: inputs.board,
    events: deps.events,
    viewer: deps.viewer,
    catalog: deps.catalog,
    settings: deps.settings,
    activeShowId: deps.activeShowId,
    noticeBudget,
    log: (message, error) => console.warn(`[auctions] ${message}`, error ?? ''),
  });
  inputs.inbox.on(['bid', 'maxBid'], (incoming) => auctions.receive(incoming));
  inputs.approvedReaders.push((message) => auctions.readChat(message));
  const giveaways = new GiveawayService({
    db: deps.db,
    events: deps.events,
    board: inputs.board,
    viewer: deps.viewer,
    announce: deps.announce,
    activeShowId: deps.activeShowId,
    noticeBudget,
    log: (message, error) => console.warn(`[giveaways] ${message}`, error ?? ''),
  });
  inputs.approvedReaders.push((message) => giveaways.readChat(message, inputs.watchingSince(message.viewerId)));
  inputs.inbox.on(['enterGiveaway'], (incoming) => giveaways.enterFromPage(incoming));
  void giveaways.resume().catch((error: unknown) => console.warn('[giveaways] Could not finish the giveaway left from the last run', error));
  // Another show opened in the rundown: viewers' pages show its giveaway (or none), never the last show's.
  let shownFor = deps.activeShowId();
  const follow = () => {
    const show = deps.activeShowId();
    if (show === shownFor) return; // rundownChanged also comes with every cursor move
    shownFor = show;
    giveaways.showChanged();
  };
  deps.events.on('rundownChanged', follow);
  deps.events.on('showsChanged', follow);
  return { auctions, giveaways };
}

/**
 * Why a practice show may not be turned into a real one now, in the host's
 * words, or null: its running auction has simulated bidders, its open
 * giveaway (or one being drawn) simulated entrants, who could win in the
 * real show.
 */
export function practiceOffRefusal(services: { auctions: AuctionService; giveaways: GiveawayService }, showId: number): string | null {
  const auction = services.auctions.getAuctions({ showId }).current;
  if (auction?.showId === showId && auction.status === 'running') {
    return 'Finish or cancel the practice auction first: its bidders are simulated.';
  }
  const giveaway = services.giveaways.state(showId).current;
  if (giveaway?.showId === showId && giveaway.status === 'open') return 'Draw or cancel the practice giveaway first: its entrants are simulated.';
  if (giveaway?.showId === showId && giveaway.status === 'closed') {
    return 'Wait for the practice giveaway’s draw to finish first: its entrants are simulated.';
  }
  return null;
}
