import type { Money } from './catalog.js';

export const SEGMENT_TYPES = ['intro', 'giveaway', 'qa', 'break', 'custom'] as const;
export type SegmentType = (typeof SEGMENT_TYPES)[number];

export interface Show {
  readonly id: number;
  readonly name: string;
  /** Epoch milliseconds, or null when not scheduled. */
  readonly scheduledStart: number | null;
  /** A practice show (rehearsal, docs/practice.md): PRACTICE everywhere; its claims are never exported, reported as sales or counted against another show's stock. */
  readonly practice: boolean;
  readonly itemCount: number;
  readonly plannedSeconds: number;
  readonly createdAt: number;
}

/** What a product item shows in the rundown (read live from the catalog). */
export interface RundownProduct {
  readonly productId: number;
  readonly variantId: number | null;
  readonly title: string;
  readonly variantTitle: string;
  readonly sku: string | null;
  readonly price: Money | null;
  readonly compareAtPrice: Money | null;
  readonly currency: string | null;
  /** Units left in this show (catalog stock minus the show's confirmed claims, as the pinned card shows it); null: not tracked. */
  readonly stock: number | null;
  readonly imageUrl: string | null;
  readonly buyUrl: string | null;
  /**
   * How many of the product's variants the item covers: 1 for an item that
   * names a variant; all of them for the whole product (pinned once, viewers
   * claim their variant in chat: "sold blue L").
   */
  readonly variantsCovered: number;
}

export interface RundownItem {
  readonly id: number;
  readonly showId: number;
  /** 0-based order in the show. */
  readonly position: number;
  readonly kind: 'product' | 'segment';
  readonly segmentType: SegmentType | null;
  /** Segment title, or the product title. */
  readonly title: string;
  readonly notes: string;
  readonly plannedSeconds: number | null;
  /** For product items; null if the product was deleted from the catalog. */
  readonly product: RundownProduct | null;
  /** Seconds this item has been current in total so far (finished visits). */
  readonly actualSeconds: number;
}

/**
 * The live cursor. Times are epoch ms from the studio's clock, so every UI
 * computes elapsed time the same way. It survives restarts (stored in SQLite).
 */
export interface RundownCursor {
  readonly currentItemId: number | null;
  /** When the current item became current. */
  readonly currentSince: number | null;
  /** When the show's first item became current (show start), null before. */
  readonly showStartedAt: number | null;
}

export interface RundownState {
  readonly show: Show;
  readonly items: readonly RundownItem[];
  readonly cursor: RundownCursor;
  /** The item after the current one (first item before the show starts). */
  readonly nextItemId: number | null;
  /** The studio's clock when this state was made, to correct UI clocks. */
  readonly now: number;
}
