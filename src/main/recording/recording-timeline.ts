import type { RecordingChapter } from '../../shared/domain/recording.js';
import { productCardSchema, type ProductCard } from '../../shared/sfu/product-card.js';
import type { StudioDatabase } from '../db/open-database.js';

/**
 * A recording's timeline: what was pinned, which flash deals ran and which
 * claims came in while it recorded, as offsets (ms) into its file. Time 0 is
 * the recording's `started_at` (main's clock); the end is the file's length
 * (`duration_ms`, measured by ffprobe) once it is known, else `ended_at`, else
 * now. Everything that overlaps the recording is in, clamped to [0, length]:
 * a product already pinned when the recording started is at 0, one still up
 * when it ended has `endMs: null`, one entirely before or after the file is
 * left out. One card is on screen at a time: a pin that (in a damaged
 * history) overlaps the next one ends where the next one starts.
 *
 * Pure reads from the database (no service, no clock but `now`): the one
 * reader of the show's timeline. The Recordings list's chapters and the
 * shoppable replay (src/main/replay/replay-plan.ts: its pins, "was on deal"
 * and chapters) both come from here, so the two always agree.
 */

export interface TimelinePin {
  readonly pinId: number;
  readonly productId: number | null;
  readonly variantId: number | null;
  /** The card as viewers saw it (title, price, picture, Buy link, a deal); null if the stored card can no longer be read. */
  readonly card: ProductCard | null;
  readonly title: string;
  readonly variantTitle: string | null;
  readonly atMs: number;
  /** Null: still pinned at the end of the file. */
  readonly endMs: number | null;
}

export interface TimelineDeal {
  readonly dealId: number;
  readonly pinId: number;
  readonly productId: number | null;
  readonly title: string;
  /** The sale price ("19.00") and the regular one, exact decimal strings. */
  readonly price: string;
  readonly regularPrice: string | null;
  readonly currency: string | null;
  readonly atMs: number;
  /** When it was set to end (its countdown's zero), ms into the file (may be past the end of the file). */
  readonly endsAtMs: number;
  /** When it really ended (at zero, ended early, or another pin); null: still running at the end of the file. */
  readonly endMs: number | null;
}

export interface TimelineClaim {
  readonly claimId: number;
  readonly productId: number | null;
  readonly variantId: number | null;
  readonly productTitle: string;
  readonly variantTitle: string | null;
  readonly viewerName: string;
  readonly status: 'confirmed' | 'waitlisted' | 'cancelled';
  readonly pricePaid: string | null;
  readonly currency: string | null;
  readonly dealId: number | null;
  readonly atMs: number;
}

export interface RecordingTimeline {
  readonly recordingId: number;
  /** Epoch ms, main's clock: time 0 of the file. */
  readonly startedAt: number;
  /** The length everything is clamped to (ms). */
  readonly lengthMs: number;
  readonly pins: readonly TimelinePin[];
  readonly deals: readonly TimelineDeal[];
  readonly claims: readonly TimelineClaim[];
  /** One chapter per pin, in order (the product, from when to when): `chapters[i]` is `pins[i]`. */
  readonly chapters: readonly RecordingChapter[];
}

interface RecordingRow {
  started_at: number;
  ended_at: number | null;
  duration_ms: number | null;
}

/** The SQL (their plans are checked in the tests). */
export const TIMELINE_QUERIES = {
  recording: 'SELECT started_at, ended_at, duration_ms FROM recordings WHERE id = ?',
  // Every pin that overlaps [start, end): at most one is up at a time (pins_current), so this is the screen's history.
  pins: `SELECT id, product_id, variant_id, card, pinned_at, unpinned_at FROM pins
         WHERE pinned_at < ? AND (unpinned_at IS NULL OR unpinned_at > ?) ORDER BY pinned_at, id`,
  deals: `SELECT id, pin_id, product_id, title, price, regular_price, currency, started_at, ends_at, ended_at FROM deals
          WHERE started_at < ? AND (ended_at IS NULL OR ended_at > ?) ORDER BY started_at, id`,
  claims: `SELECT id, product_id, variant_id, product_title, variant_title, viewer_name, status, price_paid, currency, deal_id, claimed_at
           FROM claims WHERE claimed_at >= ? AND claimed_at < ? ORDER BY claimed_at, id`,
} as const;

function readCard(json: string): { card: ProductCard | null; title: string; variantTitle: string | null } {
  let raw: unknown = null;
  try {
    raw = JSON.parse(json);
  } catch {
    // The CHECK keeps bad JSON out; a damaged row still gets a chapter.
  }
  const parsed = productCardSchema.safeParse(raw);
  if (parsed.success) return { card: parsed.data, title: parsed.data.title, variantTitle: parsed.data.variantTitle };
  const title = (raw as { title?: unknown } | null)?.title;
  return { card: null, title: typeof title === 'string' && title.trim() ? title : 'A product', variantTitle: null };
}

/**
 * The timeline of one recording; null when there is no such recording.
 * `now`: the end of a recording still running (default: Date.now()).
 */
export function recordingTimeline(db: StudioDatabase, recordingId: number, options: { now?: number } = {}): RecordingTimeline | null {
  const recording = db.prepare<[number], RecordingRow>(TIMELINE_QUERIES.recording).get(recordingId);
  if (!recording) return null;
  const start = recording.started_at;
  const lengthMs = Math.max(0, recording.duration_ms ?? (recording.ended_at ?? options.now ?? Date.now()) - start);
  return timelineOfSpan(db, { recordingId, startedAt: start, lengthMs });
}

/** The timeline of a file that starts at `startedAt` (epoch ms, main's clock) and is `lengthMs` long. */
export function timelineOfSpan(db: StudioDatabase, span: { readonly recordingId: number; readonly startedAt: number; readonly lengthMs: number }): RecordingTimeline {
  const { recordingId, startedAt: start, lengthMs } = span;
  const end = start + lengthMs;
  const at = (time: number) => Math.min(Math.max(time - start, 0), lengthMs);
  // An end at or past the end of the file is "still there when the file ends".
  const until = (time: number | null) => (time === null || time >= end ? null : at(time));

  const overlapping = db
    .prepare<[number, number], { id: number; product_id: number | null; variant_id: number | null; card: string; pinned_at: number; unpinned_at: number | null }>(
      TIMELINE_QUERIES.pins,
    )
    .all(end, start)
    .map((row): TimelinePin => ({
      pinId: row.id,
      productId: row.product_id,
      variantId: row.variant_id,
      ...readCard(row.card),
      atMs: at(row.pinned_at),
      endMs: until(row.unpinned_at),
    }));
  const pins = oneAtATime(overlapping);

  const deals = db
    .prepare<
      [number, number],
      {
        id: number;
        pin_id: number;
        product_id: number | null;
        title: string;
        price: string;
        regular_price: string | null;
        currency: string | null;
        started_at: number;
        ends_at: number;
        ended_at: number | null;
      }
    >(TIMELINE_QUERIES.deals)
    .all(end, start)
    .map((row): TimelineDeal => ({
      dealId: row.id,
      pinId: row.pin_id,
      productId: row.product_id,
      title: row.title,
      price: row.price,
      regularPrice: row.regular_price,
      currency: row.currency,
      atMs: at(row.started_at),
      endsAtMs: Math.max(row.ends_at - start, 0),
      endMs: until(row.ended_at),
    }));

  const claims = db
    .prepare<
      [number, number],
      {
        id: number;
        product_id: number | null;
        variant_id: number | null;
        product_title: string;
        variant_title: string | null;
        viewer_name: string;
        status: TimelineClaim['status'];
        price_paid: string | null;
        currency: string | null;
        deal_id: number | null;
        claimed_at: number;
      }
    >(TIMELINE_QUERIES.claims)
    .all(start, end)
    .map((row): TimelineClaim => ({
      claimId: row.id,
      productId: row.product_id,
      variantId: row.variant_id,
      productTitle: row.product_title,
      variantTitle: row.variant_title,
      viewerName: row.viewer_name,
      status: row.status,
      pricePaid: row.price_paid,
      currency: row.currency,
      dealId: row.deal_id,
      atMs: at(row.claimed_at),
    }));

  const chapters = pins.map((pin): RecordingChapter => ({ productId: pin.productId, title: pin.title, variantTitle: pin.variantTitle, atMs: pin.atMs, endMs: pin.endMs }));
  return { recordingId, startedAt: start, lengthMs, pins, deals, claims, chapters };
}

/** One card at a time: a pin still up when the next one came ends there; one left with no time on screen is dropped. */
function oneAtATime(pins: readonly TimelinePin[]): TimelinePin[] {
  return pins
    .map((pin, i) => {
      const next = pins[i + 1];
      return next && (pin.endMs === null || pin.endMs > next.atMs) ? { ...pin, endMs: next.atMs } : pin;
    })
    .filter((pin) => pin.endMs === null || pin.endMs > pin.atMs);
}
