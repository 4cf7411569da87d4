import type { sellingChannels, ExportedFile } from '../../shared/api/contract/selling.js';
import type { PinState } from '../../shared/domain/live.js';
import type { Claim, ClaimsState, ShowReport } from '../../shared/domain/selling.js';
import type { CallContext, Handlers } from '../api/dispatcher.js';

/** Flash deals on the pinned product (DealService). */
export interface DealApi {
  /** `price` as the host typed it; refused with a host-worded StudioError when nothing is pinned or the price is not below the regular one. */
  startDeal(input: { price: string; durationSeconds: number }): Promise<PinState>;
  endDeal(): Promise<PinState>;
}

/** Claims from chat (ClaimService). */
export interface ClaimApi {
  list(showId: number | null): ClaimsState;
  cancel(claimId: number, context: CallContext): Claim;
  move(input: { claimId: number; productId: number; variantId: number | null }, context: CallContext): Claim;
  exportCsv(input: { showId: number | null; all: boolean }): ExportedFile;
}

/** The show report (ShowReportService). */
export interface ReportApi {
  report(showId: number | null): ShowReport;
  exportCsv(showId: number | null): ExportedFile;
}

export function sellingHandlers(deals: DealApi, claims: ClaimApi, reports: ReportApi): Pick<Handlers, keyof typeof sellingChannels> {
  return {
    startDeal: (input) => deals.startDeal(input),
    endDeal: () => deals.endDeal(),
    listClaims: (input) => claims.list(input.showId),
    cancelClaim: (input, context) => claims.cancel(input.claimId, context),
    moveClaim: (input, context) => claims.move(input, context),
    exportClaimsCsv: (input) => claims.exportCsv(input),
    getShowReport: (input) => reports.report(input.showId),
    exportShowReportCsv: (input) => reports.exportCsv(input.showId),
  };
}
