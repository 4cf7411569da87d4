import type { liveChannels } from '../../shared/api/contract/live.js';
import type { AirState, PinRecord, PinState, PublisherClaim, PublisherState, PublishTicket, SfuStatus } from '../../shared/domain/live.js';
import type { CallContext, Handlers } from '../api/dispatcher.js';
import { publisherClientKey, publisherWhere, type PublisherCaller } from './one-publisher.js';

/** What the live handlers need from the SFU side (LiveService). */
export interface LiveApi {
  status(): SfuStatus;
  publishTicket(caller: PublisherCaller, publisherId?: string): Promise<PublishTicket>;
  publisher(): PublisherState;
  claimPublishing(caller: PublisherCaller, takeOver: boolean, ending?: boolean): PublisherClaim;
  releasePublishing(publisherId: string, ended: boolean): PublisherState;
  airState(): AirState;
}

/** What the live handlers need from the pin service. */
export interface PinApi {
  pin(input: { productId: number; variantId: number | null; rundownItemId: number | null; keepIfPinned: boolean }): Promise<PinState>;
  unpin(): Promise<PinState>;
  state(): PinState;
  history(input: { showId: number | null; limit: number }): PinRecord[];
}

export function liveHandlers(live: LiveApi, pins: PinApi): Pick<Handlers, keyof typeof liveChannels> {
  return {
    getSfuStatus: () => live.status(),
    getPublishTicket: (input, context) => live.publishTicket(callerOf(context), input?.publisherId),
    getPublisher: () => live.publisher(),
    claimPublishing: ({ takeOver, ending }, context) => live.claimPublishing(callerOf(context), takeOver, ending),
    releasePublishing: ({ publisherId, ended }) => live.releasePublishing(publisherId, ended),
    getAirState: () => live.airState(),
    pinProduct: (input) => pins.pin(input),
    unpinProduct: () => pins.unpin(),
    getPinState: () => pins.state(),
    listPinHistory: (input) => pins.history(input),
  };
}

/** The caller as the publisher rule names it (a control-server client may carry its address). */
function callerOf(context: CallContext): PublisherCaller {
  const address = context.transport === 'control' ? context.address : undefined;
  return { clientId: publisherClientKey(context.transport, context.clientId), where: publisherWhere(context.transport, address) };
}
