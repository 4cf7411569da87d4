/**
 * Giveaways with a draw anyone can verify (docs/giveaways.md). Times: epoch
 * ms on main's clock.
 */

export type GiveawayStatus = 'open' | 'closed' | 'drawn' | 'cancelled';

export interface Giveaway {
  readonly id: number;
  readonly showId: number | null;
  readonly prize: string;
  /** The chat keyword that enters ("enter"); null: the watch page's button only. */
  readonly keyword: string | null;
  readonly buttonEntry: boolean;
  readonly rules: string;
  readonly minWatchMinutes: number | null;
  readonly status: GiveawayStatus;
  readonly openedAt: number;
  readonly closedAt: number | null;
  readonly drawnAt: number | null;
  readonly entries: number;
  /** SHA-256 (hex) of the seed, published when entries closed. */
  readonly commitment: string | null;
  /** Revealed with the winner (hex). */
  readonly seed: string | null;
  readonly winner: { readonly viewerId: string; readonly name: string } | null;
}

export interface GiveawaysState {
  /** The open giveaway, or the last one of the show; null: none. */
  readonly current: Giveaway | null;
  /** The show's giveaways, newest first. */
  readonly history: readonly Giveaway[];
}

/** The report's row per giveaway. */
export interface GiveawayReportRow {
  readonly giveawayId: number;
  readonly prize: string;
  readonly openedAt: number;
  readonly status: GiveawayStatus;
  readonly entries: number;
  readonly winnerName: string | null;
  readonly commitment: string | null;
  readonly seed: string | null;
}
