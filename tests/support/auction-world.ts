/**
 * The auction service over the pin world (a real SQLite file, catalog, pins,
 * deals and claims built by the core's own factory), as studio-core wires
 * it. The viewers' side (the SellBoard and the SFU) is a recorder: what every
 * viewer's page was sent and what each bidder was told privately. Timers use
 * the global clock: tests fake it with vi.useFakeTimers (pinWorldForEachTest).
 */
import { AuctionService } from '../../src/main/auctions/auction-service.js';
import { ChatStore } from '../../src/main/chat/chat-store.js';
import { events as eventSpecs } from '../../src/shared/api/contract/index.js';
import type { AuctionsState } from '../../src/shared/domain/auctions.js';
import type { ChatMessage } from '../../src/shared/domain/chat.js';
import type { AuctionView, SellIncoming, SellNotice } from '../../src/shared/sfu/protocol-selling.js';
import { pinWorld, type PinWorld } from './pin-world.js';

export class RecordingBoard {
  readonly views: (AuctionView | null)[] = [];
  readonly notices: { viewerId: string; notice: SellNotice }[] = [];
  flushes = 0;
  setAuction(view: AuctionView | null): void {
    this.views.push(view);
  }
  notify(viewerId: string, notice: SellNotice): void {
    this.notices.push({ viewerId, notice });
  }
  flush(): void {
    this.flushes += 1;
  }
  last(): AuctionView | null | undefined {
    return this.views.at(-1);
  }
  /** The texts one viewer was told, in order. */
  textsTo(viewerId: string): string[] {
    return this.notices.filter((n) => n.viewerId === viewerId).map((n) => n.notice.text);
  }
}

export interface AuctionWorld extends PinWorld {
  auctions: AuctionService;
  readonly board: RecordingBoard;
  readonly changes: AuctionsState[];
  /** The chat's record of viewers (the real store on the same database): ban or time out a bidder. */
  readonly chatStore: ChatStore;
  /** A button bid (or a maximum) from the watch page, stamped now on the SFU's clock. */
  bid(viewerId: string, amount: string, options?: { max?: boolean; auctionId?: number; ts?: number }): void;
  /** An approved chat message, as studio-core routes it: the auction reader first, then claims; true when the auction service took it. */
  chat(viewerId: string, text: string, options?: { ts?: number }): boolean;
  /** Closes the services (not the database) and builds them again, as a restart does. */
  restart(): void;
}

export function auctionWorld(): AuctionWorld {
  const world = pinWorld() as AuctionWorld;
  const board = new RecordingBoard();
  const changes: AuctionsState[] = [];
  const chatStore = new ChatStore(world.db);
  world.events.subscribe((channel, payload) => {
    if (channel === eventSpecs.auctionsChanged.channel) changes.push(payload as AuctionsState);
  });
  const build = () =>
    new AuctionService({
      db: world.db,
      pins: world.pins,
      claims: world.claims,
      board,
      events: world.events,
      viewer: (viewerId) => chatStore.viewer(viewerId),
      catalog: world.catalog,
      settings: () => ({ autoUnpinSeconds: null, claimsFromChat: true, claimLimitPerViewer: null, bidIncrements: [{ from: '0', step: '1' }, { from: '50', step: '5' }] }),
      activeShowId: () => null,
    });
  let seq = 0;
  const restartPins = world.restart.bind(world);
  const closePins = world.close.bind(world);
  Object.assign(world, {
    auctions: build(),
    board,
    changes,
    chatStore,
    bid(viewerId: string, amount: string, options: { max?: boolean; auctionId?: number; ts?: number } = {}) {
      const auctionId = options.auctionId ?? world.auctions.getAuctions({ showId: null }).current?.id ?? 1;
      const incoming: SellIncoming = {
        id: `act-${++seq}`,
        viewerId,
        name: nameOf(viewerId),
        action: { kind: options.max ? 'maxBid' : 'bid', auctionId, amount },
        ts: options.ts ?? Date.now(),
        watchingSince: null,
      };
      world.auctions.receive(incoming);
    },
    chat(viewerId: string, text: string, options: { ts?: number } = {}) {
      const message: ChatMessage = {
        id: `msg-${++seq}`,
        showId: null,
        viewerId,
        name: nameOf(viewerId),
        role: 'viewer',
        text,
        ts: options.ts ?? Date.now(),
        status: 'approved',
        reasons: [],
        question: false,
        decidedBy: 'auto',
        decidedAt: Date.now(),
      };
      const taken = world.auctions.readChat(message);
      if (!taken) world.claims.onApprovedMessage(message);
      return taken;
    },
    restart() {
      world.auctions.close();
      restartPins();
      world.auctions = build();
    },
    close() {
      world.auctions.close();
      closePins();
    },
  });
  return world;
}

/** "ana" → "Ana": the display name of a test viewer. */
export const nameOf = (viewerId: string): string => viewerId.charAt(0).toUpperCase() + viewerId.slice(1);
