import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel.js';
import { DESTINATION_ORIENTATIONS, PLATFORMS, type Destination, type EgressOverview } from '../../domain/destinations.js';

/**
 * Multistream: the destinations (Settings → Destinations, the host's) and
 * where each stands in the show (the Stream panel; a producer's console sees
 * it too). Stream keys go in and never come out: every output carries
 * `hasKey` at most. Main checks names, URLs and keys with the messages of
 * `shared/domain/destination-input.ts`; the schemas here only bound sizes.
 */

const id = z.number().int().positive();
const platform = z.enum(PLATFORMS);
/** Horizontal 16:9 or vertical 9:16 (which program the destination takes). */
const orientation = z.enum(DESTINATION_ORIENTATIONS as ['horizontal', 'vertical']);
const text = (max: number) => z.string().max(max);

export const destinationChannels = {
  listDestinations: defineChannel<Destination[]>()('studio:destinations:list', z.undefined()),
  createDestination: defineChannel<Destination>()(
    'studio:destinations:create',
    z
      .object({
        name: text(200),
        platform,
        serverUrl: text(4096),
        /** Write-only: kept in main's secret store, never returned. */
        streamKey: text(2048),
        enabled: z.boolean().default(true),
        orientation: orientation.default('horizontal'),
      })
      .strict(),
  ),
  /** Changes what is given; `streamKey` left out keeps the saved key. A running destination restarts with a new address. */
  updateDestination: defineChannel<Destination>()(
    'studio:destinations:update',
    z
      .object({
        id,
        name: text(200).optional(),
        platform: platform.optional(),
        serverUrl: text(4096).optional(),
        streamKey: text(2048).optional(),
        enabled: z.boolean().optional(),
        orientation: orientation.optional(),
      })
      .strict(),
  ),
  /** Deletes the destination and its stream key (a running one stops first). */
  deleteDestination: defineChannel<Destination[]>()('studio:destinations:delete', z.object({ id }).strict()),
  /** Every destination's state in this show, the encoder, main's clock. */
  getEgress: defineChannel<EgressOverview>()('studio:egress:get', z.undefined()),
  /** While the show is on air: start this destination now (also one not enabled for the show). */
  startDestination: defineChannel<EgressOverview>()('studio:egress:start', z.object({ id }).strict()),
  /** Stops this destination; the others go on. */
  stopDestination: defineChannel<EgressOverview>()('studio:egress:stop', z.object({ id }).strict()),
  /** A destination that is reconnecting or failed: try again now. */
  reconnectDestination: defineChannel<EgressOverview>()('studio:egress:reconnect', z.object({ id }).strict()),
} as const;

export const destinationEvents = {
  destinationsChanged: defineEvent<Destination[]>('studio:event:destinations-changed'),
  egressChanged: defineEvent<EgressOverview>('studio:event:egress-changed'),
} as const;
