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
import { buildProductCard, type PictureLookup } from '../pin/product-card-builder.js';
import { timelineOfSpan, type TimelinePin } from '../recording/recording-timeline.js';

/**
 * A recording's replay: the show's timeline as the recording module reads
 * it (`timelineOfSpan` in src/main/recording/recording-timeline.ts: the
 * pins on screen while it recorded, clamped to the file, one at a time; the
 * flash deals that ran then; one chapter per pin), plus what only a replay
 * needs: each product as the catalog sells it now, whether a deal ran on
 * its pin while it recorded ("was on deal"), where its picture comes from
 * (the studio's kept copy, else its address), and the approved chat
 * (`chat_messages`). Times here are seconds into the file.
 */

/** Everything a replay needs before its pictures are in: the timeline with each picture's source. */
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
  /** Where the card's picture comes from; null: it has none. */
  readonly picture: PictureSource | null;
}

/**
 * A card's picture: the copy the studio keeps in its data folder
 * (src/main/media; the host's own picture for the product, or the file its
 * imported address was fetched into), else its address in the catalog
 * (untrusted: an imported file named it).
 */
export interface PictureSource {
  readonly mediaId: string | null;
  readonly url: string | null;
}

/** One file per picture in the folder: cards with the same kept copy, or (none kept) the same address, share it. */
export const pictureKey = (source: PictureSource): string => (source.mediaId !== null ? `kept:${source.mediaId}` : `web:${source.url ?? ''}`);

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
  /** The pictures the studio keeps (src/main/media), as pins name them. */
  readonly pictures: PictureLookup;
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
    const { product, picture } = productNow(deps, pin);
    return { start: seconds(pin.atMs), end: seconds(pin.endMs ?? timeline.lengthMs), product, picture, wasOnDeal: onDeal.has(pin.pinId) };
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
function productNow(deps: PlanDeps, pin: TimelinePin): { product: Omit<ReplayProduct, 'image'>; picture: PictureSource | null } {
  const shown = pin.card;
  const key = shown?.productId ?? (pin.productId === null ? `pin-${pin.pinId}` : `${pin.productId}${pin.variantId === null ? '' : `:${pin.variantId}`}`);
  // A variant pin whose variant was deleted has variant_id NULL but a "product:variant" card id.
  const variantGone = pin.variantId === null && shown?.productId.includes(':') === true;
  const product = pin.productId === null || variantGone ? null : deps.findProduct(pin.productId);
  let current: ProductCard | null = null;
  if (product && product.status === 'active') {
    try {
      current = buildProductCard(product, pin.variantId, product.buyUrl, deps.pictures);
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
      picture: pictureOf(current, deps.pictures) ?? pictureOf(shown, deps.pictures),
    };
  }
  return {
    product: { key, title: pin.title, variant: pin.variantTitle, price: null, compareAtPrice: null, currency: shown?.currency ?? null, buyUrl: null, available: false },
    picture: pictureOf(shown, deps.pictures),
  };
}

/** A card's picture: the kept copy it names (or its address's), and its address. */
function pictureOf(card: Pick<ProductCard, 'imageId' | 'imageUrl'> | null | undefined, pictures: PictureLookup): PictureSource | null {
  if (!card) return null;
  const mediaId = card.imageId ?? (card.imageUrl === null ? null : pictures.mediaForUrl(card.imageUrl));
  return mediaId === null && card.imageUrl === null ? null : { mediaId, url: card.imageUrl };
}

/** The chat viewers saw (approved only; held, blocked, rejected and deleted messages never), by time. */
function approvedChat(db: StudioDatabase, recording: RecordingSpan, start: number, end: number): ReplayChatLine[] {
  const rows =
    recording.showId !== null
      ? db.prepare<[number, number, number], ChatRow>(REPLAY_QUERIES.chatOfShow).all(recording.showId, start, end)
      : db.prepare<[number, number], ChatRow>(REPLAY_QUERIES.chatByTime).all(start, end);
  return rows.map((r) => ({ at: seconds(r.ts - start), name: r.name, text: r.text, role: r.role }));
}

/** The timeline.json of a plan, once its pictures are in the folder (`pictures`: `pictureKey` of a source → path in the folder). */
export function timelineOf(plan: ReplayPlan, pictures: ReadonlyMap<string, string>, publishedAt: number): ReplayTimeline {
  return {
    format: REPLAY_FORMAT,
    version: REPLAY_FORMAT_VERSION,
    title: plan.title,
    recordedAt: plan.recordedAt,
    duration: seconds(plan.durationMs),
    pins: plan.pins.map(({ picture, ...pin }) => ({
      ...pin,
      product: { ...pin.product, image: picture === null ? null : (pictures.get(pictureKey(picture)) ?? null) },
    })),
    chapters: plan.chapters,
    chat: plan.chat,
    publishedAt,
  };
}
