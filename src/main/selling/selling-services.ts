import type { Settings } from '../../shared/domain/settings.js';
import { CheckoutService } from '../checkout/checkout-service.js';
import { CheckoutStore } from '../checkout/checkout-store.js';
import { storeCheckoutLinker } from '../checkout/store-checkout-links.js';
import type { ProductReader } from '../claims/stock-ledger.js';
import type { ViewerClaimsList } from '../claims/viewer-claims.js';
export { viewerClaimsRequest } from '../claims/viewer-claims.js';
import { ClaimStore } from '../claims/claim-store.js';
import { ClaimService } from '../claims/claim-service.js';
import { findProduct, StockLedger } from '../claims/stock-ledger.js';
import type { StudioEventBus } from '../events/event-bus.js';
import type { StudioDatabase } from '../db/open-database.js';
import { DealService } from '../deals/deal-service.js';
import { DealStore } from '../deals/deal-store.js';
import { PinService, type CardDecoration, type PinTarget } from '../pin/pin-service.js';
import type { PictureLookup } from '../pin/product-card-builder.js';
import { PinStore } from '../pin/pin-store.js';
import { ShowReportService } from '../report/show-report-service.js';
import { type CardBuyLinkDeps, cardBuyLink } from '../store/card-buy-link.js';

export interface SellingServicesDeps {
  readonly db: StudioDatabase;
  readonly catalog: ProductReader;
  readonly events: StudioEventBus;
  /** Where pins go: the SFU room (LiveService). */
  readonly sfu: PinTarget;
  /** OBS's product sources (they follow pinChanged; this only reports how far they got). */
  readonly obs?: Pick<PinTarget, 'pinTargetState' | 'onPinDelivery'>;
  /** A private line to one viewer (a claim's notice). */
  readonly notify: (viewerId: string, text: string) => void;
  /** One viewer's "My claims", privately to their connections (absent: not sent, e.g. tests of the rules). */
  readonly sendViewerClaims?: (viewerId: string, list: ViewerClaimsList) => void;
  /** The show open in the rundown. */
  readonly activeShowId: () => number | null;
  /** Where the card's Buy link comes from: Settings → Store and the show (absent: each product's own link). */
  readonly buyLinks?: CardBuyLinkDeps;
  /** Settings → Selling, read when used. */
  readonly settings: () => Settings['selling'];
  readonly now?: () => number;
  /** Where a service's trouble is written; `area` is the service ("pins", "deals", …). */
  readonly log?: (area: string, message: string, error?: unknown) => void;
  /** The pictures kept in the data folder (src/main/media): the card names its picture by id. */
  readonly pictures?: PictureLookup;
}

export interface SellingServices {
  readonly pins: PinService;
  readonly deals: DealService;
  readonly claims: ClaimService;
  readonly reports: ShowReportService;
  /** Claims become checkouts: each buyer's links, privately on their watch page. */
  readonly checkout: CheckoutService;
  /** End show: claims stop, and every buyer still waiting is sent their checkout links. */
  showEnded(): void;
  /** The catalog changed (an import): the card and the Claims tab show the new units left. */
  catalogChanged(): void;
  /** Stops their timers and sends what is waiting (before the database closes). */
  close(): void;
}

/**
 * Units left of a product (or variant) in a show, from the database: the
 * ledger the claim rules decide with. The rundown's product rows read it
 * (built before the selling services, like the card's decoration).
 */
export function stockLeftReader(db: StudioDatabase, catalog: ProductReader): Pick<StockLedger, 'stockLeft'> {
  const ledger = new StockLedger(new ClaimStore(db), catalog);
  return { stockLeft: (showId, productId, variantId, catalogStock) => ledger.stockLeft(showId, productId, variantId, catalogStock) };
}

/**
 * What decorates a pinned card, read from the database: units left after the
 * show's confirmed claims (the same ledger the claim rules decide with) and
 * the current pin's flash deal.
 */
export function cardDecoration(db: StudioDatabase, catalog: ProductReader): CardDecoration {
  const deals = new DealStore(db);
  return { ...stockLeftReader(db, catalog), currentDeal: () => deals.ofCurrentPin() };
}

/** No store set (tests of the rules): checkout links come from products' own links alone. */
const NO_STORE = { platform: 'other', url: '' } as const;

/**
 * The selling services, built in one order with no cycle: the pin service
 * (its card decorated from the database), then flash deals (on the pinned
 * product; they end with their pin and re-send the card), then claims (the
 * pin showing when a message was sent, the deal running then; they re-send
 * the card when stock changes), then the show report. Used by the studio
 * core, the tests and the benchmarks alike.
 */
export function createSellingServices(deps: SellingServicesDeps): SellingServices {
  const log = (area: string) => (message: string, error?: unknown) => deps.log?.(area, message, error);
  const now = deps.now ? { now: deps.now } : {};
  const pins = new PinService({
    store: new PinStore(deps.db),
    catalog: deps.catalog,
    sfu: deps.sfu,
    ...(deps.obs ? { obs: deps.obs } : {}),
    events: deps.events,
    activeShowId: deps.activeShowId,
    decoration: cardDecoration(deps.db, deps.catalog),
    ...(deps.pictures ? { pictures: deps.pictures } : {}),
    autoUnpinSeconds: () => deps.settings().autoUnpinSeconds,
    ...(deps.buyLinks ? { buyLink: cardBuyLink(deps.buyLinks) } : {}),
    ...now,
    log: log('pins'),
  });
  const deals = new DealService({ db: deps.db, pins, ...now, log: log('deals') });
  // Each buyer's "My claims" carries the checkout links sent to them (read from the database, like the card's decoration).
  const checkoutStore = new CheckoutStore(deps.db);
  const claimStore = new ClaimStore(deps.db);
  const claims = new ClaimService({
    db: deps.db,
    catalog: deps.catalog,
    pins,
    deals,
    notify: deps.notify,
    ...(deps.sendViewerClaims ? { sendViewerClaims: deps.sendViewerClaims } : {}),
    events: deps.events,
    activeShowId: deps.activeShowId,
    checkouts: (showId, viewerId) => checkoutStore.myCheckouts(showId, viewerId),
    settings: deps.settings,
    ...now,
    log: log('claims'),
  });
  const checkout = new CheckoutService({
    db: deps.db,
    // The same store settings as the card's Buy link; none: only products' own links.
    linker: storeCheckoutLinker({ store: deps.buyLinks?.store ?? (() => NO_STORE), findProduct: (id) => findProduct(deps.catalog, id) }),
    deliver: (viewerIds) => claims.viewers.sendInSlices(viewerIds),
    events: deps.events,
    activeShowId: deps.activeShowId,
    showName: (showId) => claimStore.showName(showId),
    ...now,
    log: log('checkout'),
  });
  // What is waiting to be sent follows the claims (a new one, a cancel).
  deps.events.on('claimsChanged', () => checkout.claimsChanged());
  const reports = new ShowReportService({ db: deps.db, events: deps.events, activeShowId: deps.activeShowId, ...now });
  return {
    pins,
    deals,
    claims,
    reports,
    checkout,
    showEnded() {
      claims.showEnded();
      checkout.showEnded();
    },
    catalogChanged() {
      pins.refresh().catch((error: unknown) => deps.log?.('pins', 'the pinned card could not be refreshed', error));
      claims.catalogChanged();
    },
    close() {
      pins.close();
      deals.close();
      claims.close();
      reports.close();
    },
  };
}
