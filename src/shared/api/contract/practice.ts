import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel.js';
import { PRACTICE_LIMITS, type PracticeAudienceState } from '../../domain/practice.js';

const whole = (what: string, { min, max }: { readonly min: number; readonly max: number }) =>
  z
    .number()
    .int(`${what}: a whole number.`)
    .min(min, `${what}: at least ${min}.`)
    .max(max, `${what}: at most ${max}.`);

/** The dials the host may change; any left out keep their value. */
const dialsInput = z
  .object({
    viewers: whole('Viewers', PRACTICE_LIMITS.viewers).optional(),
    messagesPerMinute: whole('Messages per minute', PRACTICE_LIMITS.messagesPerMinute).optional(),
    questionPercent: whole('Questions', PRACTICE_LIMITS.percent).optional(),
    claimPercent: whole('Claims', PRACTICE_LIMITS.percent).optional(),
    bidPercent: whole('Bids', PRACTICE_LIMITS.percent).optional(),
    /** Repeatable runs (tests, demos): the same seed, the same names and messages. */
    seed: z.number().int().nonnegative().optional(),
  })
  .strict();

export type PracticeDialsInput = z.output<typeof dialsInput>;

/** A practice show's simulated audience (docs/practice.md). */
export const practiceChannels = {
  /** The audience's state, and whether the active show is a practice show (the studio's PRACTICE banner). */
  getPracticeAudience: defineChannel<PracticeAudienceState>()('studio:practice:get', z.undefined()),
  /** Simulated viewers join the show's SFU and chat; refused unless the active show is a practice show. */
  startPracticeAudience: defineChannel<PracticeAudienceState>()('studio:practice:start', dialsInput.default({})),
  /** New dials, applied live (more or fewer viewers, another pace). */
  updatePracticeAudience: defineChannel<PracticeAudienceState>()('studio:practice:update', dialsInput),
  /** Every simulated viewer leaves. */
  stopPracticeAudience: defineChannel<PracticeAudienceState>()('studio:practice:stop', z.undefined()),
} as const;

export const practiceEvents = {
  /** The audience changed (started, stopped, joined, counts; at most a few a second), or the active show or its practice flag did. */
  practiceAudienceChanged: defineEvent<PracticeAudienceState>('studio:event:practice-audience-changed'),
} as const;
