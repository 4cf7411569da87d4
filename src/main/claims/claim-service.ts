// SKELETON — replaced by the claims work (see selling-handlers.ts ClaimApi).
import type { ExportedFile } from '../../shared/api/contract/selling.js';
import { StudioError } from '../../shared/api/result.js';
import type { ProductDetail } from '../../shared/domain/catalog.js';
import type { ChatMessage } from '../../shared/domain/chat.js';
import type { PinRecord } from '../../shared/domain/live.js';
import type { Claim, ClaimsState, Deal } from '../../shared/domain/selling.js';
import type { Settings } from '../../shared/domain/settings.js';
import type { StudioDatabase } from '../db/open-database.js';
import type { StudioEventBus } from '../core/event-bus.js';
import type { ClaimApi } from '../selling/selling-handlers.js';

export interface ClaimServiceDeps {
  readonly db: StudioDatabase;
  readonly catalog: { getProduct(productId: number): ProductDetail };
  /** The pin showing when a message was sent (PinService.pinAt), and a way to re-send the card with the new stock. */
  readonly pins: { pinAt(at: number): PinRecord | null; refresh(): Promise<unknown> };
  /** The deal running on a pin at a time (DealService.dealAt). */
  readonly deals: { dealAt(pinId: number, at: number): Deal | null };
  /** A private line to one viewer (LiveService.sendChat with chatNotice). */
  readonly notify: (viewerId: string, text: string) => void;
  readonly events: StudioEventBus;
  readonly activeShowId: () => number | null;
  readonly settings: () => Settings['selling'];
  readonly now?: () => number;
  readonly log?: (message: string, error?: unknown) => void;
}

export class ClaimService implements ClaimApi {
  constructor(private readonly deps: ClaimServiceDeps) {}
  /** An approved viewer message (auto or by a moderator): a claim when it reads like one and a product was pinned. */
  onApprovedMessage(_message: ChatMessage): void {}
  /** Units left of a product (or variant) in a show: catalog stock minus the show's confirmed claims; null: not tracked. */
  stockLeft(_showId: number | null, _productId: number, _variantId: number | null, catalogStock: number | null): number | null {
    return catalogStock;
  }
  list(showId: number | null): ClaimsState {
    return { showId: showId ?? this.deps.activeShowId(), claims: [] };
  }
  cancel(): Claim {
    throw new StudioError('not-found', 'That claim does not exist.');
  }
  move(): Claim {
    throw new StudioError('not-found', 'That claim does not exist.');
  }
  exportCsv(): ExportedFile {
    return { fileName: 'claims.csv', mimeType: 'text/csv', content: '' };
  }
}
