import type { liveChannels } from '../../shared/api/contract/live.js';
import type { PinRecord, PinState, PublishTicket, SfuStatus } from '../../shared/domain/live.js';
import type { Handlers } from '../api/dispatcher.js';

/** What the live handlers need from the SFU side (LiveService). */
export interface LiveApi {
  status(): SfuStatus;
  publishTicket(): Promise<PublishTicket>;
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
    getPublishTicket: () => live.publishTicket(),
    pinProduct: (input) => pins.pin(input),
    unpinProduct: () => pins.unpin(),
    getPinState: () => pins.state(),
    listPinHistory: (input) => pins.history(input),
  };
}
