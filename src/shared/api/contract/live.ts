import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel.js';
import type { AirState, PinRecord, PinState, PublisherClaim, PublisherState, PublishTicket, SfuStatus } from '../../domain/live.js';

const id = z.number().int().positive();
const publisherId = z.string().min(1).max(64);

export const liveChannels = {
  getSfuStatus: defineChannel<SfuStatus>()('studio:live:sfu-status', z.undefined()),
  /** Credentials for the renderer's PublishClient (the long-lived SFU secret stays in main). */
  /**
   * `publisherId`: the claim the window got from claimPublishing; refused
   * ('conflict') once another window holds the show. Without it, an implicit
   * claim that never takes over.
   */
  getPublishTicket: defineChannel<PublishTicket>()(
    'studio:live:publish-ticket',
    z.object({ publisherId }).strict().optional(),
  ),
  /** Who publishes the show now (one window at a time). */
  getPublisher: defineChannel<PublisherState>()('studio:live:publisher', z.undefined()),
  /**
   * This window wants to publish. Refused ('conflict', naming who is live)
   * while another window publishes, unless `takeOver`: then that window is
   * told at once (`publisherChanged`) and stops. `ending`: the window claims
   * only to end the show from a pause (End show after Stop): every window
   * keeps seeing "paused" until it ends, never "going live".
   */
  claimPublishing: defineChannel<PublisherClaim>()(
    'studio:live:claim-publishing',
    z.object({ takeOver: z.boolean().default(false), ending: z.boolean().default(false) }).strict().default({ takeOver: false, ending: false }),
  ),
  /**
   * The window stopped publishing (Stop, End show, taken over, closing); a
   * stale id changes nothing. `ended`: the host pressed End show, so the show
   * is over for every window (`airStateChanged`), not paused.
   */
  releasePublishing: defineChannel<PublisherState>()(
    'studio:live:release-publishing',
    z.object({ publisherId, ended: z.boolean().default(false) }).strict(),
  ),
  /** Where the show stands (on air, paused, ended…, since when, how many watch): the same for every window. */
  getAirState: defineChannel<AirState>()('studio:live:air-state', z.undefined()),
  /**
   * Pins a product (or one variant) to the show: stored in the pin history,
   * then sent to every viewer. Pinning while a pin shows replaces it.
   */
  pinProduct: defineChannel<PinState>()(
    'studio:live:pin',
    z
      .object({
        productId: id,
        variantId: id.nullable().default(null),
        /** The rundown item this pin came from, for the show timeline. */
        rundownItemId: id.nullable().default(null),
        /**
         * When this product (or variant) is already pinned, leave it as it is
         * (with its deal and auto-unpin) instead of pinning it anew. Decided
         * in main, so a press right after an unpin is never mistaken for one.
         */
        keepIfPinned: z.boolean().default(false),
      })
      .strict(),
  ),
  unpinProduct: defineChannel<PinState>()('studio:live:unpin', z.undefined()),
  getPinState: defineChannel<PinState>()('studio:live:pin-state', z.undefined()),
  /** The pin history (show timeline), newest first. */
  listPinHistory: defineChannel<PinRecord[]>()(
    'studio:live:pin-history',
    z
      .object({ showId: id.nullable().default(null), limit: z.number().int().min(1).max(1000).default(200) })
      .strict()
      .default({ showId: null, limit: 200 }),
  ),
} as const;

export const liveEvents = {
  sfuStatusChanged: defineEvent<SfuStatus>('studio:event:sfu-status-changed'),
  publisherChanged: defineEvent<PublisherState>('studio:event:publisher-changed'),
  airStateChanged: defineEvent<AirState>('studio:event:air-state-changed'),
  pinChanged: defineEvent<PinState>('studio:event:pin-changed'),
} as const;
