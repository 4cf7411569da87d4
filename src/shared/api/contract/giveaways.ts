import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel.js';
import type { GiveawaysState } from '../../domain/giveaways.js';
import type { ExportedFile } from './selling.js';

const id = z.number().int().positive();

export const giveawayChannels = {
  /**
   * Opens a giveaway: viewers enter by typing the keyword in chat or with
   * the Enter button on the watch page, once each. One at a time.
   */
  startGiveaway: defineChannel<GiveawaysState>()(
    'studio:giveaways:start',
    z
      .object({
        prize: z.string().trim().min(1, 'Name the prize.').max(200, 'The prize: 200 characters at most.'),
        /** null or empty: the Enter button only. */
        keyword: z
          .string()
          .trim()
          .max(40, 'The keyword: 40 characters at most.')
          .nullable()
          .default(null),
        buttonEntry: z.boolean().default(true),
        rules: z.string().trim().max(2000, 'The rules: 2000 characters at most.').default(''),
        minWatchMinutes: z.number().int().min(1).max(600).nullable().default(null),
      })
      .strict(),
  ),
  /**
   * Closes entries and draws: publishes the commitment (the hash of a secret
   * seed), then draws from the sorted entries and reveals the seed.
   */
  drawGiveaway: defineChannel<GiveawaysState>()('studio:giveaways:draw', z.undefined()),
  /** Cancels the open giveaway without a draw. */
  cancelGiveaway: defineChannel<GiveawaysState>()('studio:giveaways:cancel', z.undefined()),
  getGiveaways: defineChannel<GiveawaysState>()(
    'studio:giveaways:get',
    z.object({ showId: id.nullable().default(null) }).strict().default({ showId: null }),
  ),
  /** The entry list of a drawn giveaway (what `studio giveaway-verify --entries FILE` reads). */
  exportGiveawayEntries: defineChannel<ExportedFile>()('studio:giveaways:export-entries', z.object({ giveawayId: id }).strict()),
} as const;

export const giveawayEvents = {
  giveawaysChanged: defineEvent<GiveawaysState>('studio:event:giveaways-changed'),
} as const;
