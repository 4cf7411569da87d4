import { DEFAULT_BID_INCREMENTS } from '../../src/shared/auction/auction-rules.js';
/**
 * The selling services (pins, and the deals and claims on them) over a real
 * SQLite file and a real catalog, built by the studio core's own factory
 * (createSellingServices), for the pin and deal tests. Only the SFU is
 * replaced, by a recorder: its real path is tested in src/sfu and
 * src/main/live.
 */
import path from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { CatalogStore } from '../../src/main/catalog/catalog-store.js';
import { StudioEventBus } from '../../src/main/events/event-bus.js';
import { openDatabase, type StudioDatabase } from '../../src/main/db/open-database.js';
import type { ClaimService } from '../../src/main/claims/claim-service.js';
import type { DealService } from '../../src/main/deals/deal-service.js';
import type { PinService, PinTarget } from '../../src/main/pin/pin-service.js';
import { createSellingServices, type SellingServices } from '../../src/main/selling/selling-services.js';
import type { ChatMessage } from '../../src/shared/domain/chat.js';
import { events as eventSpecs } from '../../src/shared/api/contract/index.js';
import type { PinState, PinTargetState } from '../../src/shared/domain/live.js';
import type { ProductCard } from '../../src/shared/sfu/product-card.js';
import { importedProduct } from '../harness/imported-products.js';
import { tempDir } from './temp-dir.js';

/** What the SFU room was sent, in order. */
export class RecordingPinTarget implements PinTarget {
  readonly sent: (ProductCard | null)[] = [];
  setPin(card: ProductCard | null): Promise<PinTargetState> {
    this.sent.push(card);
    return Promise.resolve('delivered');
  }
  pinTargetState(): PinTargetState {
    return 'delivered';
  }
  onPinDelivery(): () => void {
    return () => undefined;
  }
  last(): ProductCard | null | undefined {
    return this.sent.at(-1);
  }
}

export interface PinWorld {
  readonly db: StudioDatabase;
  readonly file: string;
  readonly catalog: CatalogStore;
  /** Product ids: a mug at 20.00 with 8 in stock, a scarf at 40.00 with no stock tracking. */
  readonly mug: number;
  readonly scarf: number;
  readonly settings: { autoUnpinSeconds: number | null };
  readonly sfu: RecordingPinTarget;
  readonly events: StudioEventBus;
  readonly pinChanges: PinState[];
  pins: PinService;
  deals: DealService;
  claims: ClaimService;
  /** `count` viewers say "sold" in chat now: claims on the pinned product, as the chat service hands them over. */
  claimFromChat(count: number): void;
  /** Closes the services (not the database) and builds them again, as a restart does. */
  restart(): void;
  close(): void;
}

/** The services as studio-core wires them. Timers use the global clock: tests fake it with vi.useFakeTimers. */
export function pinWorld(): PinWorld {
  const file = path.join(tempDir(), 'studio.sqlite');
  const db = openDatabase(file);
  const catalog = new CatalogStore(db);
  const outcome = catalog.applyImport(
    [
      importedProduct({ sourceKey: 'mug', title: 'Stoneware mug', variants: [{ price: '20.00', stock: 8 }] }),
      importedProduct({ sourceKey: 'scarf', title: 'Silk scarf', variants: [{ price: '40.00', stock: null }] }),
    ],
    'shopify',
    { dryRun: false },
  );
  const [mug, scarf] = outcome.planned.map((p) => p.productId!);
  const settings = { autoUnpinSeconds: null as number | null };
  const sfu = new RecordingPinTarget();
  const events = new StudioEventBus();
  const pinChanges: PinState[] = [];
  events.subscribe((channel, payload) => {
    if (channel === eventSpecs.pinChanged.channel) pinChanges.push(payload as PinState);
  });
  let selling: SellingServices;
  const build = () => {
    selling = createSellingServices({
      db,
      catalog,
      events,
      sfu,
      notify: () => undefined,
      activeShowId: () => null,
      settings: () => ({
        autoUnpinSeconds: settings.autoUnpinSeconds,
        claimsFromChat: true,
        claimLimitPerViewer: null,
        bidIncrements: [...DEFAULT_BID_INCREMENTS],
      }),
    });
    return { pins: selling.pins, deals: selling.deals, claims: selling.claims };
  };
  let viewers = 0;
  const claimFromChat = (count: number) => {
    for (let i = 0; i < count; i++) {
      const viewerId = `viewer-${++viewers}`;
      const message: ChatMessage = {
        id: `claim-${viewers}`,
        showId: null,
        viewerId,
        name: `Viewer ${viewers}`,
        role: 'viewer',
        text: 'sold',
        ts: Date.now(),
        status: 'approved',
        reasons: [],
        question: false,
        decidedBy: 'auto',
        decidedAt: Date.now(),
      };
      selling.claims.onApprovedMessage(message);
    }
  };
  const world: PinWorld = {
    db,
    file,
    catalog,
    mug: mug!,
    scarf: scarf!,
    settings,
    sfu,
    events,
    pinChanges,
    ...build(),
    claimFromChat,
    restart() {
      selling.close();
      Object.assign(world, build());
    },
    close() {
      selling.close();
      db.close();
    },
  };
  return world;
}

/**
 * A fresh world for every test of the file, on fake timers starting at `now`
 * (deal ends and auto-unpin are timers); `take` receives each new world.
 */
export function pinWorldForEachTest(now: number, take: (world: PinWorld) => void): void {
  let current: PinWorld | null = null;
  beforeEach(() => {
    vi.useFakeTimers({ now });
    current = pinWorld();
    take(current);
  });
  afterEach(() => {
    current?.close();
    vi.useRealTimers();
  });
}
