import type { destinationChannels } from '../../shared/api/contract/destinations.js';
import type { Handlers } from '../api/dispatcher.js';
import type { EgressService } from './egress-service.js';

/** Settings → Destinations and the Stream panel's Destinations block (roles: src/shared/api/contract/roles.ts). */
export function egressHandlers(egress: EgressService): Pick<Handlers, keyof typeof destinationChannels> {
  return {
    listDestinations: () => egress.list(),
    createDestination: (input) => egress.create(input),
    updateDestination: (input) => egress.update(input),
    deleteDestination: ({ id }) => egress.delete(id),
    getEgress: () => egress.overview(),
    startDestination: ({ id }) => egress.start(id),
    stopDestination: ({ id }) => egress.stop(id),
    reconnectDestination: ({ id }) => egress.reconnect(id),
  };
}
