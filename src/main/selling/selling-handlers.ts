import type { checkoutChannels } from '../../shared/api/contract/checkout.js';
import type { sellingChannels } from '../../shared/api/contract/selling.js';
import type { Handlers } from '../api/dispatcher.js';
import type { CheckoutApi } from '../checkout/checkout-service.js';
import type { ClaimApi } from '../claims/claim-service.js';
import type { DealApi } from '../deals/deal-service.js';
import type { ReportApi } from '../report/show-report-service.js';

/** The selling requests: flash deals, claims, their checkout links and the show report. */
export function sellingHandlers(
  deals: DealApi,
  claims: ClaimApi,
  reports: ReportApi,
  checkout: CheckoutApi,
): Pick<Handlers, keyof typeof sellingChannels | keyof typeof checkoutChannels> {
  return {
    startDeal: (input) => deals.startDeal(input),
    endDeal: () => deals.endDeal(),
    listClaims: (input) => claims.list(input.showId),
    cancelClaim: (input, context) => claims.cancel(input.claimId, context),
    moveClaim: (input, context) => claims.move(input, context),
    exportClaimsCsv: (input) => claims.exportCsv(input),
    listCheckouts: (input) => checkout.list(input.showId),
    sendCheckoutLinks: (input) => checkout.send(input),
    getShowReport: (input) => reports.report(input.showId),
    exportShowReportCsv: (input) => reports.exportCsv(input.showId),
  };
}
