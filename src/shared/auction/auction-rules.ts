import { z } from 'zod';
import type { Money } from '../domain/catalog.js';
import { compareMoney, isMoney } from '../domain/money.js';

/**
 * The rules of one auction, as the host sets them in the studio and as the
 * dry run reads them (`studio auction --rules AUCTION.json`, docs/auctions.md).
 * Pure TS: the studio, the CLI and the tests decide with the same code.
 *
 * Money is a canonical decimal string ("10.00", "25"); see ../domain/money.ts.
 */

export type AuctionMode = 'soft' | 'sudden-death';

/** One row of the bid increment table: from this price up, bids go up by `step`. */
export interface IncrementStep {
  readonly from: Money;
  readonly step: Money;
}

export interface AuctionRules {
  /** The first bid must be at least this. */
  readonly startPrice: Money;
  /** 5 s to 10 min. */
  readonly durationSeconds: number;
  /**
   * `soft`: a bid in the last `extendSeconds` puts the clock back to
   * `extendSeconds`. `sudden-death`: no extension; the last bid before zero wins.
   */
  readonly mode: AuctionMode;
  /** Soft close only (kept, unused, for sudden death): 1–60 s, default 10. */
  readonly extendSeconds: number;
  /** Not sold below this; null: no reserve. Viewers see only whether it is met. */
  readonly reserve: Money | null;
  /** Sorted by `from`, the first from "0"; the seller's table (Settings → Selling). */
  readonly increments: readonly IncrementStep[];
}

export const AUCTION_LIMITS = {
  minSeconds: 5,
  maxSeconds: 600,
  minExtendSeconds: 1,
  maxExtendSeconds: 60,
  defaultExtendSeconds: 10,
  /** Rows in the increment table. */
  maxIncrementSteps: 20,
} as const;

/**
 * The common table (as on the big auction platforms): $1 steps under $50,
 * $5 under $500, then larger. The seller edits it in Settings → Selling.
 */
export const DEFAULT_BID_INCREMENTS: readonly IncrementStep[] = [
  { from: '0', step: '1' },
  { from: '50', step: '5' },
  { from: '500', step: '10' },
  { from: '1000', step: '25' },
  { from: '2500', step: '50' },
  { from: '5000', step: '100' },
];

const money = z
  .string()
  .trim()
  .regex(/^(0|[1-9]\d{0,11})(\.\d{1,4})?$/, 'A price is a decimal number such as "10.00".');

// zod runs a refinement even after the pattern failed: compare only what is a price (the pattern already said what is wrong).
const positiveMoney = money.refine((m) => !isMoney(m) || compareMoney(m, '0') > 0, 'Must be more than 0.');

export const incrementStepSchema = z.object({ from: money, step: positiveMoney }).strict();

/** The increment table: starts at 0, `from` strictly rising, every step above 0. */
export const incrementTableSchema = z
  .array(incrementStepSchema)
  .min(1, 'The increment table needs at least one row.')
  .max(AUCTION_LIMITS.maxIncrementSteps, `The increment table has ${AUCTION_LIMITS.maxIncrementSteps} rows at most.`)
  .superRefine((rows, ctx) => {
    if (rows[0] && isMoney(rows[0].from) && compareMoney(rows[0].from, '0') !== 0) {
      ctx.addIssue({ code: 'custom', message: 'The increment table starts from 0.', path: [0, 'from'] });
    }
    for (let i = 1; i < rows.length; i++) {
      const [from, before] = [rows[i]!.from, rows[i - 1]!.from];
      if (isMoney(from) && isMoney(before) && compareMoney(from, before) <= 0) {
        ctx.addIssue({ code: 'custom', message: 'Each row of the increment table starts above the one before.', path: [i, 'from'] });
      }
    }
  });

/** AUCTION.json of the dry run (docs/auctions.md); `increments` defaults to the common table. */
export const auctionRulesSchema = z
  .object({
    startPrice: money,
    durationSeconds: z
      .number()
      .int('A whole number of seconds.')
      .min(AUCTION_LIMITS.minSeconds, 'An auction lasts at least 5 seconds.')
      .max(AUCTION_LIMITS.maxSeconds, 'An auction lasts 10 minutes at most.'),
    mode: z.enum(['soft', 'sudden-death']),
    extendSeconds: z
      .number()
      .int('A whole number of seconds.')
      .min(AUCTION_LIMITS.minExtendSeconds, 'A soft close adds at least 1 second.')
      .max(AUCTION_LIMITS.maxExtendSeconds, 'A soft close adds 60 seconds at most.')
      .default(AUCTION_LIMITS.defaultExtendSeconds),
    reserve: money.nullable().default(null),
    increments: incrementTableSchema.default(() => [...DEFAULT_BID_INCREMENTS]),
  })
  .strict();

/** The step that applies at `price`: the last row whose `from` is at or below it. */
export function incrementAt(increments: readonly IncrementStep[], price: Money): Money {
  let step = increments[0]?.step ?? '1';
  for (const row of increments) {
    if (compareMoney(row.from, price) <= 0) step = row.step;
    else break;
  }
  return step;
}

