import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel.js';
import type { PinState } from '../../domain/live.js';
import type { Claim, ClaimsState, ShowReport } from '../../domain/selling.js';
import { DEAL_LIMITS } from '../../sfu/product-card.js';

const id = z.number().int().positive();
/** A sale price as the host types it ("9.99"); the handler reads it with parseMoney. */
const priceText = z.string().trim().min(1, 'Type the deal price.').max(32);

/** A file to save: the UI offers it as a download (CSV for invoicing, the report). */
export interface ExportedFile {
  readonly fileName: string;
  readonly mimeType: string;
  readonly content: string;
}

export const sellingChannels = {
  /**
   * Starts a flash deal on the pinned product: the card shows the sale price,
   * the struck regular price and a countdown on every viewer's page, the
   * overlay and OBS; at zero the price returns. A running deal is replaced.
   */
  startDeal: defineChannel<PinState>()(
    'studio:selling:start-deal',
    z
      .object({
        price: priceText,
        durationSeconds: z
          .number()
          .int('A whole number of seconds.')
          .min(DEAL_LIMITS.minSeconds, 'A flash deal lasts at least 10 seconds.')
          .max(DEAL_LIMITS.maxSeconds, 'A flash deal lasts 30 minutes at most.'),
      })
      .strict(),
  ),
  /** Ends the running deal now (the price returns at once). */
  endDeal: defineChannel<PinState>()('studio:selling:end-deal', z.undefined()),
  /** The claims of a show (null: the active show), oldest first. */
  listClaims: defineChannel<ClaimsState>()(
    'studio:selling:list-claims',
    z.object({ showId: id.nullable().default(null) }).strict().default({ showId: null }),
  ),
  /** Cancels a claim; its unit goes to the first waitlisted claim for the same product (or variant). */
  cancelClaim: defineChannel<Claim>()('studio:selling:cancel-claim', z.object({ claimId: id }).strict()),
  /**
   * Moves a claim to another variant or product (the viewer meant size M):
   * confirmed when the target has stock, else waitlisted; the viewer is told.
   */
  moveClaim: defineChannel<Claim>()(
    'studio:selling:move-claim',
    z.object({ claimId: id, productId: id, variantId: id.nullable().default(null) }).strict(),
  ),
  /** Viewer, product, SKU, variant, price paid, time: one row per confirmed claim (all claims with `all`). */
  exportClaimsCsv: defineChannel<ExportedFile>()(
    'studio:selling:export-claims-csv',
    z
      .object({ showId: id.nullable().default(null), all: z.boolean().default(false) })
      .strict()
      .default({ showId: null, all: false }),
  ),
  /** The show report, live while the show runs (null: the active show). */
  getShowReport: defineChannel<ShowReport>()(
    'studio:selling:show-report',
    z.object({ showId: id.nullable().default(null) }).strict().default({ showId: null }),
  ),
  exportShowReportCsv: defineChannel<ExportedFile>()(
    'studio:selling:export-report-csv',
    z.object({ showId: id.nullable().default(null) }).strict().default({ showId: null }),
  ),
} as const;

export const sellingEvents = {
  /** The active show's claims changed (a new claim, a cancel, a move, a promotion from the waitlist). */
  claimsChanged: defineEvent<ClaimsState>('studio:event:claims-changed'),
} as const;
