import type { z } from 'zod';
import type { Channel, EventSpec } from '../channel.js';
import { appChannels, appEvents } from './app.js';
import { auctionChannels, auctionEvents } from './auctions.js';
import { backupChannels } from './backups.js';
import { catalogChannels, catalogEvents } from './catalog.js';
import { checkoutChannels, checkoutEvents } from './checkout.js';
import { chatChannels, chatEvents } from './chat.js';
import { destinationChannels, destinationEvents } from './destinations.js';
import { giveawayChannels, giveawayEvents } from './giveaways.js';
import { guestChannels, guestEvents } from './guests.js';
import { liveChannels, liveEvents } from './live.js';
import { obsChannels, obsEvents } from './obs.js';
import { pictureChannels, pictureEvents } from './pictures.js';
import { practiceChannels, practiceEvents } from './practice.js';
import { replayChannels, replayEvents } from './replay.js';
import { recordingChannels, recordingEvents } from './recording.js';
import { rundownChannels, rundownEvents } from './rundown.js';
import { sceneChannels, sceneEvents } from './scenes.js';
import { sellingChannels, sellingEvents } from './selling.js';

/**
 * The one table of request channels. Keys are the method names on
 * `window.studio`; each value names the wire channel and its input schema.
 * Features add their own file and spread it here.
 */
export const contract = {
  ...appChannels,
  ...catalogChannels,
  ...rundownChannels,
  ...liveChannels,
  ...chatChannels,
  ...obsChannels,
  ...sceneChannels,
  ...sellingChannels,
  ...checkoutChannels,
  ...auctionChannels,
  ...backupChannels,
  ...replayChannels,
  ...recordingChannels,
  ...destinationChannels,
  ...giveawayChannels,
  ...practiceChannels,
  ...guestChannels,
  ...pictureChannels,
} as const;

/** Events from main to every UI; `window.studio.on<Name>(listener)` subscribes. */
export const events = {
  ...appEvents,
  ...catalogEvents,
  ...rundownEvents,
  ...liveEvents,
  ...chatEvents,
  ...obsEvents,
  ...sceneEvents,
  ...sellingEvents,
  ...checkoutEvents,
  ...auctionEvents,
  ...replayEvents,
  ...recordingEvents,
  ...destinationEvents,
  ...giveawayEvents,
  ...practiceEvents,
  ...guestEvents,
  ...pictureEvents,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type EventName = keyof typeof events;

/** What the caller passes (before defaults are applied). */
export type InputOf<K extends MethodName> = z.input<Contract[K]['input']>;
/** What a handler receives (after validation and defaults). */
export type ParsedInputOf<K extends MethodName> = z.output<Contract[K]['input']>;
export type OutputOf<K extends MethodName> = Contract[K] extends Channel<z.ZodType, infer O> ? O : never;
export type PayloadOf<E extends EventName> = (typeof events)[E] extends EventSpec<infer P> ? P : never;

export const channelToMethod: ReadonlyMap<string, MethodName> = new Map(
  (Object.keys(contract) as MethodName[]).map((name) => [contract[name].channel, name]),
);

export const eventChannels: readonly string[] = Object.values(events).map((e) => e.channel);
