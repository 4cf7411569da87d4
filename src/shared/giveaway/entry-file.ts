import { z } from 'zod';

/**
 * The entry list the studio exports after a draw ("Export entry list";
 * `studio giveaway-verify --entries FILE` reads it). Plain JSON; the entries
 * in draw order (sorted by viewer id, UTF-8 byte order).
 */
export const GIVEAWAY_ENTRIES_FORMAT = 'live-seller-studio/giveaway-entries@1';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hexadecimal digits');

export const giveawayEntryFileSchema = z.object({
  format: z.literal(GIVEAWAY_ENTRIES_FORMAT).optional(),
  giveawayId: z.number().int().positive(),
  prize: z.string(),
  /** SHA-256 of the seed, as published when entries closed. */
  commitment: hex64.nullable(),
  /** The winner the studio announced (the verifier checks it recomputes the same). */
  winner: z.object({ viewerId: z.string().min(1), name: z.string() }).nullable().optional(),
  entries: z.array(z.object({ viewerId: z.string().min(1, 'a viewer id is empty'), name: z.string() })),
});

export type GiveawayEntryFile = z.output<typeof giveawayEntryFileSchema>;
