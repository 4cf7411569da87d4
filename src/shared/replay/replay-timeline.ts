/**
 * A published replay's `timeline.json` (format 1): what the studio writes
 * (src/main/replay) and the replay page reads (src/sfu/replay). Times are
 * seconds into `video.mp4`. Every string in it is untrusted (product titles
 * from store files, viewers' chat) and is shown as text only.
 *
 * The page checks the file again with `readReplayTimeline`: a folder on a
 * static host can be edited by anyone who uploads it, so nothing in it is
 * trusted to be well formed. Kept free of zod so the page stays small.
 */

export const REPLAY_FORMAT = 'live-seller-studio/replay';
export const REPLAY_FORMAT_VERSION = 1;

/** The files of a published folder, besides `images/`. */
export const REPLAY_FILES = {
  page: 'index.html',
  script: 'replay.js',
  style: 'replay.css',
  timeline: 'timeline.json',
  video: 'video.mp4',
} as const;

export const REPLAY_IMAGES_DIR = 'images';

/** A picture inside the folder: `images/<name>.<png|jpg|gif|webp|avif>`. */
export const REPLAY_IMAGE_PATH = /^images\/[A-Za-z0-9][A-Za-z0-9_-]{0,63}\.(png|jpg|gif|webp|avif)$/;

/** The product as a viewer of the replay can buy it now (the catalog's price today, never the show's deal price). */
export interface ReplayProduct {
  /** The studio's product id, or "product:variant" ("pin-<id>" for a card of no catalog product). */
  readonly key: string;
  readonly title: string;
  /** "M / Blue"; null for a whole product. */
  readonly variant: string | null;
  /** A picture in the folder (`images/…`); null: the card has none. */
  readonly image: string | null;
  /** Decimal string in major units ("19.99"); null when the shop gives none. */
  readonly price: string | null;
  /** The struck-through "was" price, only above `price`. */
  readonly compareAtPrice: string | null;
  /** ISO 4217 code, or null. */
  readonly currency: string | null;
  /** Where Buy goes: https only. */
  readonly buyUrl: string | null;
  /** False: the product is no longer in the shop (removed or archived); no price or Buy. */
  readonly available: boolean;
}

export interface ReplayPin {
  /** Seconds into the video; `start < end`. */
  readonly start: number;
  readonly end: number;
  readonly product: ReplayProduct;
  /** A flash deal ran on this pin during the show (shown as "Was on deal during the show", never its price). */
  readonly wasOnDeal: boolean;
}

export interface ReplayChapter {
  /** Seconds into the video: where its pin starts. */
  readonly start: number;
  /** Index into `pins`. */
  readonly pin: number;
}

export interface ReplayChatLine {
  /** Seconds into the video. */
  readonly at: number;
  readonly name: string;
  readonly text: string;
  readonly role: 'viewer' | 'moderator' | 'host';
}

export interface ReplayTimeline {
  readonly format: typeof REPLAY_FORMAT;
  readonly version: typeof REPLAY_FORMAT_VERSION;
  /** The show's name. */
  readonly title: string;
  /** When the recording started (epoch ms). */
  readonly recordedAt: number;
  /** The video's length in seconds. */
  readonly duration: number;
  /** Sorted by `start`; never overlapping (one pin at a time). */
  readonly pins: readonly ReplayPin[];
  /** One per pin, in order (the Recordings list's chapters). */
  readonly chapters: readonly ReplayChapter[];
  /** The approved chat by time, or null when the host left it out. */
  readonly chat: readonly ReplayChatLine[] | null;
  /** When this folder was written (epoch ms). */
  readonly publishedAt: number;
}

export class ReplayTimelineError extends Error {
  override readonly name = 'ReplayTimelineError';
}

const LIMITS = { title: 300, variant: 200, key: 64, url: 2048, price: 32, chatName: 60, chatText: 1000, pins: 5000, chat: 50_000 } as const;
const MONEY = /^(0|[1-9]\d{0,11})(\.\d{1,4})?$/;
const CURRENCY = /^[A-Z]{3}$/;
const CHAT_ROLES = new Set(['viewer', 'moderator', 'host']);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const seconds = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);
const text = (v: unknown, max: number): string | null => (typeof v === 'string' && v.trim() !== '' ? v.slice(0, max) : null);

/** An https address, or null (a Buy button never goes anywhere else; the page parses it again before use). */
function httpsOnly(v: unknown): string | null {
  return typeof v === 'string' && v.length <= LIMITS.url && /^https:\/\/[^\s/?#]+[^\s]*$/i.test(v) ? v : null;
}

function readProduct(v: unknown): ReplayProduct | null {
  if (!isObj(v)) return null;
  const key = text(v.key, LIMITS.key);
  const title = text(v.title, LIMITS.title);
  if (key === null || title === null) return null;
  const price = typeof v.price === 'string' && MONEY.test(v.price) ? v.price : null;
  const compareAt = typeof v.compareAtPrice === 'string' && MONEY.test(v.compareAtPrice) ? v.compareAtPrice : null;
  const available = v.available !== false;
  return {
    key,
    title,
    variant: text(v.variant, LIMITS.variant),
    image: typeof v.image === 'string' && REPLAY_IMAGE_PATH.test(v.image) ? v.image : null,
    price: available ? price : null,
    compareAtPrice: available && price !== null && compareAt !== null && Number(compareAt) > Number(price) ? compareAt : null,
    currency: typeof v.currency === 'string' && CURRENCY.test(v.currency) ? v.currency : null,
    buyUrl: available ? httpsOnly(v.buyUrl) : null,
    available,
  };
}

function readPins(v: unknown): ReplayPin[] {
  if (!Array.isArray(v)) return [];
  const pins: ReplayPin[] = [];
  for (const raw of v.slice(0, LIMITS.pins)) {
    if (!isObj(raw)) continue;
    const start = seconds(raw.start);
    const end = seconds(raw.end);
    const product = readProduct(raw.product);
    if (start === null || end === null || end <= start || product === null) continue;
    pins.push({ start, end, product, wasOnDeal: raw.wasOnDeal === true });
  }
  pins.sort((a, b) => a.start - b.start);
  // One pin at a time: a pin that starts before the previous one ends cuts it short.
  return pins.map((pin, i) => {
    const next = pins[i + 1];
    return next && next.start < pin.end ? { ...pin, end: next.start } : pin;
  }).filter((pin) => pin.end > pin.start);
}

function readChapters(v: unknown, pins: readonly ReplayPin[]): ReplayChapter[] {
  if (!Array.isArray(v)) return [];
  const chapters: ReplayChapter[] = [];
  for (const raw of v) {
    if (!isObj(raw)) continue;
    const start = seconds(raw.start);
    const pin = raw.pin;
    if (start === null || typeof pin !== 'number' || !Number.isInteger(pin) || !pins[pin]) continue;
    chapters.push({ start, pin });
  }
  return chapters.sort((a, b) => a.start - b.start);
}

function readChat(v: unknown): ReplayChatLine[] | null {
  if (!Array.isArray(v)) return null;
  const lines: ReplayChatLine[] = [];
  for (const raw of v.slice(0, LIMITS.chat)) {
    if (!isObj(raw)) continue;
    const at = seconds(raw.at);
    const name = text(raw.name, LIMITS.chatName);
    const body = text(raw.text, LIMITS.chatText);
    if (at === null || name === null || body === null) continue;
    lines.push({ at, name, text: body, role: typeof raw.role === 'string' && CHAT_ROLES.has(raw.role) ? (raw.role as ReplayChatLine['role']) : 'viewer' });
  }
  return lines.sort((a, b) => a.at - b.at);
}

/** Reads a parsed timeline.json; throws ReplayTimelineError when it is not one. Bad entries are dropped, not trusted. */
export function readReplayTimeline(json: unknown): ReplayTimeline {
  if (!isObj(json) || json.format !== REPLAY_FORMAT) throw new ReplayTimelineError('This is not a Live Seller Studio replay timeline.');
  if (json.version !== REPLAY_FORMAT_VERSION) {
    throw new ReplayTimelineError(`This replay was published in a newer format (${String(json.version)}); publish it again from the studio.`);
  }
  const pins = readPins(json.pins);
  return {
    format: REPLAY_FORMAT,
    version: REPLAY_FORMAT_VERSION,
    title: text(json.title, LIMITS.title) ?? 'Replay',
    recordedAt: typeof json.recordedAt === 'number' && Number.isFinite(json.recordedAt) ? json.recordedAt : 0,
    duration: seconds(json.duration) ?? 0,
    pins,
    chapters: readChapters(json.chapters, pins),
    chat: readChat(json.chat),
    publishedAt: typeof json.publishedAt === 'number' && Number.isFinite(json.publishedAt) ? json.publishedAt : 0,
  };
}
