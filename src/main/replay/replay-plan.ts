import type { ProductDetail } from '../../shared/domain/catalog.js';
import {
  REPLAY_FORMAT,
  REPLAY_FORMAT_VERSION,
  type ReplayChapter,
  type ReplayChatLine,
  type ReplayPin,
  type ReplayProduct,
  type ReplayTimeline,
} from '../../shared/replay/replay-timeline.js';
import type { ProductCard } from '../../shared/sfu/product-card.js';
import type { StudioDatabase } from '../db/open-database.js';
import { buildProductCard } from '../pin/product-card-builder.js';
import { timelineOfSpan, type TimelinePin } from '../recording/recording-timeline.js';

/**
 * A recording's replay: the show's timeline as the recording module reads
 * it (`timelineOfSpan` in src/main/recording/recording-timeline.ts: the
 * pins on screen while it recorded, clamped to the file, one at a time; the
 * flash deals that ran then; one chapter per pin), plus what only a replay
 * needs: each product as the catalog sells it now, whether a deal ran on
 * its pin while it recorded ("was on deal"), its picture's address, and the
 * approved chat (`chat_messages`). Times here are seconds into the file.
 */

/** Everything a replay needs before its pictures are fetched: the timeline with each picture's source address. */
export interface ReplayPlan {
  readonly title: string;
  readonly recordedAt: number;
  readonly durationMs: number;
  readonly pins: readonly PlannedPin[];
  readonly chapters: readonly ReplayChapter[];
  readonly chat: readonly ReplayChatLine[] | null;
}

export interface PlannedPin extends Omit<ReplayPin, 'product'> {
  readonly product: Omit<ReplayProduct, 'image'>;
  /** Where the card's picture is on the web (http(s)); null: none. */
  readonly pictureUrl: string | null;
}

export interface RecordingSpan {
  readonly recordingId: number;
  readonly showId: number | null;
  readonly showName: string;
  /** Time 0 of the file (epoch ms, main's clock). */
  readonly startedAt: number;
  readonly durationMs: number;
}

export interface PlanDeps {
  readonly db: StudioDatabase;
  /** The product as it is in the catalog now (null: it was removed). */
  readonly findProduct: (productId: number) => ProductDetail | null;
}

/** At most this many chat lines go into a replay (the newest are kept out, not the first). */
export const REPLAY_CHAT_LIMIT = 20_000;

interface ChatRow {
  name: string;
  role: ReplayChatLine['role'];
  text: string;
  ts: number;
}

const seconds = (ms: number): number => Math.round(ms) / 1000;

/** The SQL (their plans are checked in the tests: each finds its rows through an index). */
export const REPLAY_QUERIES = {
  /** A show's approved chat in [start, end]. */
  chatOfShow: `SELECT name, role, text, ts FROM chat_messages
                WHERE show_id = ? AND ts >= ? AND ts <= ? AND status = 'approved'
                ORDER BY ts, rowid LIMIT ${REPLAY_CHAT_LIMIT}`,
  /** The approved chat in [start, end] of a recording whose show is gone. */
  chatByTime: `SELECT name, role, text, ts FROM chat_messages
                WHERE ts >= ? AND ts <= ? AND status = 'approved'
                ORDER BY ts, rowid LIMIT ${REPLAY_CHAT_LIMIT}`,
} as const;

export function planReplay(deps: PlanDeps, recording: RecordingSpan, options: { readonly includeChat: boolean }): ReplayPlan {
  const start = recording.startedAt;
  const end = recording.startedAt + recording.durationMs;
  const timeline = timelineOfSpan(deps.db, { recordingId: recording.recordingId, startedAt: start, lengthMs: recording.durationMs });
  const onDeal = new Set(timeline.deals.map((deal) => deal.pinId));
  const pins = timeline.pins.map((pin): PlannedPin => {
    const { product, pictureUrl } = productNow(deps, pin);
    return { start: seconds(pin.atMs), end: seconds(pin.endMs ?? timeline.lengthMs), product, pictureUrl, wasOnDeal: onDeal.has(pin.pinId) };
  });
  return {
    title: recording.showName,
    recordedAt: recording.startedAt,
    durationMs: recording.durationMs,
    pins,
    // One chapter per pin, like the Recordings list: chapter i is pin i.
    chapters: timeline.chapters.map((chapter, index) => ({ start: seconds(chapter.atMs), pin: index })),
    chat: options.includeChat ? approvedChat(deps.db, recording, start, end) : null,
  };
}

/**
 * The product as a replay viewer can buy it now: the catalog's current
 * title, picture, price and Buy link (never the show's deal price). A
 * product removed from the catalog, archived or a draft, or a variant that
 * is gone, keeps the card as it was shown (title, variant, picture) without
 * price or Buy; a card that can no longer be read keeps the title its
 * chapter has.
 */
function productNow(deps: PlanDeps, pin: TimelinePin): { product: Omit<ReplayProduct, 'image'>; pictureUrl: string | null } {
  const shown = pin.card;
  const key = shown?.productId ?? (pin.productId === null ? `pin-${pin.pinId}` : `${pin.productId}${pin.variantId === null ? '' : `:${pin.variantId}`}`);
  // A variant pin whose variant was deleted has variant_id NULL but a "product:variant" card id.
  const variantGone = pin.variantId === null && shown?.productId.includes(':') === true;
  const product = pin.productId === null || variantGone ? null : deps.findProduct(pin.productId);
  let current: ProductCard | null = null;
  if (product && product.status === 'active') {
    try {
      current = buildProductCard(product, pin.variantId);
    } catch {
      current = null; // the variant is no longer part of the product, or no usable title
    }
  }
  if (current) {
    return {
      product: {
        key,
        title: current.title,
        variant: current.variantTitle,
        price: current.price,
        compareAtPrice: current.compareAtPrice,
        currency: current.currency,
        buyUrl: current.buyUrl,
        available: true,
      },
      pictureUrl: current.imageUrl ?? shown?.imageUrl ?? null,
    };
  }
  return {
    product: { key, title: pin.title, variant: pin.variantTitle, price: null, compareAtPrice: null, currency: shown?.currency ?? null, buyUrl: null, available: false },
    pictureUrl: shown?.imageUrl ?? null,
  };
}

/** The chat viewers saw (approved only; held, blocked, rejected and deleted messages never), by time. */
function approvedChat(db: StudioDatabase, recording: RecordingSpan, start: number, end: number): ReplayChatLine[] {
  const rows =
    recording.showId !== null
      ? db.prepare<[number, number, number], ChatRow>(REPLAY_QUERIES.chatOfShow).all(recording.showId, start, end)
      : db.prepare<[number, number], ChatRow>(REPLAY_QUERIES.chatByTime).all(start, end);
  return rows.map((r) => ({ at: seconds(r.ts - start), name: r.name, text: r.text, role: r.role }));
}

/** The timeline.json of a plan, once its pictures are in the folder (`pictures`: source address → path in the folder). */
export function timelineOf(plan: ReplayPlan, pictures: ReadonlyMap<string, string>, publishedAt: number): ReplayTimeline {
  return {
    format: REPLAY_FORMAT,
    version: REPLAY_FORMAT_VERSION,
    title: plan.title,
    recordedAt: plan.recordedAt,
    duration: seconds(plan.durationMs),
    pins: plan.pins.map(({ pictureUrl, ...pin }) => ({
      ...pin,
      product: { ...pin.product, image: pictureUrl === null ? null : (pictures.get(pictureUrl) ?? null) },
    })),
    chapters: plan.chapters,
    chat: plan.chat,
    publishedAt,
  };
}
