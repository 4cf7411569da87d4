import { z } from 'zod';
import type { ModerationRules } from '../domain/chat.js';

/**
 * The rules file (per show, exportable/importable as JSON). Every field has
 * a default so a partial file from a producer still loads.
 */
export const moderationRulesSchema = z
  .object({
    blockedTerms: z.array(z.string().trim().min(1).max(100)).max(5000).default([]),
    blockedTermsAction: z.enum(['block', 'hold']).default('block'),
    // The starter list (starter-terms.ts): on for a new show and for a file or a show saved before it existed.
    starterList: z.boolean().default(true),
    // Hold by default: the list is ours, not the host's, so a person decides the odd innocent "is this a scam?".
    starterListAction: z.enum(['block', 'hold']).default('hold'),
    starterListRemoved: z.array(z.string().trim().min(1).max(100)).max(1000).default([]),
    links: z.enum(['allow', 'hold', 'block']).default('hold'),
    allowedDomains: z.array(z.string().trim().toLowerCase().min(1).max(253)).max(500).default([]),
    maxCapsRatio: z.number().min(0).max(1).default(0.7),
    maxLength: z.number().int().min(1).max(5000).default(300),
    duplicateWindowSeconds: z.number().min(0).max(86400).default(30),
    slowModeSeconds: z.number().min(0).max(86400).default(0),
    maxMessagesPer10s: z.number().int().min(1).max(1000).default(5),
    holdFirstMessage: z.boolean().default(false),
  })
  .strict() satisfies z.ZodType<ModerationRules, unknown>;

export const defaultModerationRules = (): ModerationRules => moderationRulesSchema.parse({});
