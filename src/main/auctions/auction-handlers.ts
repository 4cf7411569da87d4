import type { auctionChannels } from '../../shared/api/contract/auctions.js';
import type { Handlers } from '../api/dispatcher.js';
import type { AuctionApi } from './auction-service.js';

/** The auction requests: start on the pinned product, cancel before any bid, the current auction and the show's. */
export function auctionHandlers(auctions: AuctionApi): Pick<Handlers, keyof typeof auctionChannels> {
  return {
    startAuction: (input) => auctions.startAuction(input),
    cancelAuction: () => auctions.cancelAuction(),
    getAuctions: (input) => auctions.getAuctions(input),
  };
}
