import type { giveawayChannels } from '../../shared/api/contract/giveaways.js';
import type { Handlers } from '../api/dispatcher.js';
import type { GiveawayApi } from './giveaway-service.js';

/** The giveaway requests (src/shared/api/contract/giveaways.ts). */
export function giveawayHandlers(giveaways: GiveawayApi): Pick<Handlers, keyof typeof giveawayChannels> {
  return {
    startGiveaway: (input) => giveaways.start(input),
    drawGiveaway: () => giveaways.draw(),
    cancelGiveaway: () => giveaways.cancel(),
    getGiveaways: (input) => giveaways.state(input.showId),
    exportGiveawayEntries: (input) => giveaways.exportEntries(input.giveawayId),
  };
}
