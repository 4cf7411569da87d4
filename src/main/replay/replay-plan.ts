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
import { productCardSchema, type ProductCard } from '../../shared/sfu/product-card.js';
import type { StudioDatabase } from '../db/open-database.js';
import { buildProductCard } from '../pin/product-card-builder.js';

/**
 * A recording's show timeline as offsets into its file, read from the
 * tables: the pins that were on screen while it recorded (`pins`, clamped
 * to the file), whether a flash deal ran on each (`deals`), the approved
 * chat (`chat_messages`), and each product as the catalog sells it now.
 *
 * Time 0 of the file is the recording's `started_at` (main's clock, like
 * every `pinned_at`), so a pin at `pinned_at` is `pinned_at - started_at`
 * ms in. A pin that began before the recording starts at 0; one still up
 * when it stopped ends with the file; one entirely outside is left out.
 *
 * Note for the merge with src/main/recording/recording-timeline.ts: that
 * module computes the same offsets for the recording's chapters; the two
 * should become one reader of these tables.
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

interface PinRow {
  id: number;
  product_id: number | null;
  variant_id: number | null;
  card: string;
  pinned_at: number;
  unpinned_at: number | null;
  had_deal: number;
}

interface ChatRow {
  name: string;
  role: ReplayChatLine['role'];
  text: string;
  ts: number;
}

const seconds = (ms: number): number => Math.round(ms) / 1000;

/** The SQL (their plans are checked in the tests: each finds its rows through an index). */
export const REPLAY_QUERIES = {
  /** Pins on screen at some moment of [start, end): `pinned_at < end`, `unpinned_at > start` (or still up). */
  pins: `SELECT p.id, p.product_id, p.variant_id, p.card, p.pinned_at, p.unpinned_at,
                EXISTS (SELECT 1 FROM deals d WHERE d.pin_id = p.id) AS had_deal
           FROM pins p
          WHERE p.pinned_at < ? AND (p.unpinned_at IS NULL OR p.unpinned_at > ?)
          ORDER BY p.pinned_at, p.id`,
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
  const rows = deps.db.prepare<[number, number], PinRow>(REPLAY_QUERIES.pins).all(end, start);

  const pins: PlannedPin[] = [];
  for (const row of rows) {
    const from = Math.max(row.pinned_at, start) - start;
    const to = Math.min(row.unpinned_at ?? end, end) - start;
    if (to <= from) continue;
    const product = productNow(deps, row);
    if (!product) continue;
    // One pin at a time: a pin cut short by the next one (the table allows one current pin) ends where it starts.
    const previous = pins[pins.length - 1];
    if (previous && previous.end > seconds(from)) pins[pins.length - 1] = { ...previous, end: seconds(from) };
    pins.push({ start: seconds(from), end: seconds(to), product: product.product, pictureUrl: product.pictureUrl, wasOnDeal: row.had_deal === 1 });
  }
  const kept = pins.filter((p) => p.end > p.start);

  return {
    title: recording.showName,
    recordedAt: recording.startedAt,
    durationMs: recording.durationMs,
    pins: kept,
    chapters: chaptersOf(kept),
    chat: options.includeChat ? approvedChat(deps.db, recording, start, end) : null,
  };
}

/** One chapter per product, at its first pin, in the order they came up. */
function chaptersOf(pins: readonly PlannedPin[]): ReplayChapter[] {
  const seen = new Set<string>();
  const chapters: ReplayChapter[] = [];
  pins.forEach((pin, index) => {
    if (seen.has(pin.product.key)) return;
    seen.add(pin.product.key);
    chapters.push({ start: pin.start, pin: index });
  });
  return chapters;
}

/**
 * The product as a replay viewer can buy it now: the catalog's current
 * title, picture, price and Buy link (never the show's deal price). A
 * product removed from the catalog, archived or a draft, or a variant that
 * is gone, keeps the card as it was shown (title, variant, picture) without
 * price or Buy.
 */
function productNow(deps: PlanDeps, row: PinRow): { product: Omit<ReplayProduct, 'image'>; pictureUrl: string | null } | null {
  const shown = shownCard(row.card);
  const key = shown?.productId ?? (row.product_id === null ? `pin-${row.id}` : `${row.product_id}${row.variant_id === null ? '' : `:${row.variant_id}`}`);
  // A variant pin whose variant was deleted has variant_id NULL but a "product:variant" card id.
  const variantGone = row.variant_id === null && shown?.productId.includes(':') === true;
  const product = row.product_id === null || variantGone ? null : deps.findProduct(row.product_id);
  let current: ProductCard | null = null;
  if (product && product.status === 'active') {
    try {
      current = buildProductCard(product, row.variant_id);
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
  if (!shown) return null;
  return {
    product: { key, title: shown.title, variant: shown.variantTitle, price: null, compareAtPrice: null, currency: shown.currency, buyUrl: null, available: false },
    pictureUrl: shown.imageUrl,
  };
}

function shownCard(json: string): ProductCard | null {
  try {
    const parsed = productCardSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
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
