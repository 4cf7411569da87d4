/**
 * The giveaway draw anyone can re-run (docs/giveaways.md, "The draw").
 *
 * 1. seed: 32 random bytes, written as 64 lowercase hex digits; kept secret
 *    until the draw.
 * 2. commitment: SHA-256 of the 32 seed bytes (not of the hex text), hex;
 *    published when the giveaway opens, before any entry.
 * 3. entries: the viewer ids, sorted by their UTF-8 bytes (plain byte order,
 *    no locale), each once; joined with "\n" (no trailing newline) and
 *    encoded as UTF-8: the message.
 * 4. block 0 = HMAC-SHA256(key = the 32 seed bytes, message); block k+1 =
 *    HMAC-SHA256(key = seed bytes, block k). Each 32-byte block is read as
 *    eight unsigned 32-bit big-endian words, in order.
 * 5. with n entries, limit = 2^32 − (2^32 mod n): the first word below limit
 *    gives index = word mod n (a word at or above limit is skipped, so every
 *    index is exactly equally likely: no modulo bias).
 * 6. the winner is the sorted list's entry at that index.
 *
 * Pure TypeScript on the Web Crypto API (`globalThis.crypto.subtle`, in Node
 * 22 and every browser): the studio, the CLI and a viewer's browser compute
 * the same winner.
 */

export const SEED_BYTES = 32;
const HEX64 = /^[0-9a-f]{64}$/;
const TWO_32 = 2 ** 32;

/** What we need of Web Crypto (src/shared has no DOM types). */
interface Subtle {
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
  importKey(format: 'raw', key: Uint8Array, algorithm: { name: string; hash: string }, extractable: boolean, usages: string[]): Promise<unknown>;
  sign(algorithm: string, key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
}
interface WebCrypto {
  readonly subtle: Subtle;
  getRandomValues(array: Uint8Array): Uint8Array;
}

function webCrypto(): WebCrypto {
  const crypto = (globalThis as { crypto?: WebCrypto }).crypto;
  if (!crypto?.subtle) throw new Error('This environment has no Web Crypto API (globalThis.crypto.subtle).');
  return crypto;
}

export interface DrawResult {
  /** The entries in draw order (sorted by UTF-8 bytes). */
  readonly sorted: readonly string[];
  /** The winner's position in `sorted`. */
  readonly index: number;
  readonly winner: string;
  /** 32-bit words read before the accepted one (skipped as at or above the limit). */
  readonly rejected: number;
}

/** A fresh secret seed: 32 random bytes as hex. */
export function newSeed(): string {
  return toHex(webCrypto().getRandomValues(new Uint8Array(SEED_BYTES)));
}

/** Whether `seed` is a seed as published: exactly 64 lowercase hex digits. */
export function isSeed(seed: string): boolean {
  return HEX64.test(seed);
}

/** SHA-256 of the seed's 32 bytes, hex: what is published before the draw. */
export async function commitmentOf(seed: string): Promise<string> {
  const digest = await webCrypto().subtle.digest('SHA-256', seedBytes(seed));
  return toHex(new Uint8Array(digest));
}

/** Compares two ids by their UTF-8 bytes (what `sortEntries` sorts by). */
export function compareUtf8(a: string, b: string): number {
  const x = utf8(a);
  const y = utf8(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** The ids in draw order; an id twice is refused (one entry per viewer). */
export function sortEntries(ids: readonly string[]): string[] {
  const sorted = [...ids].sort(compareUtf8);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) throw new Error(`The viewer id "${sorted[i]}" is in the entry list twice.`);
  }
  return sorted;
}

/** Draws the winner from `ids` (any order) with `seed`. */
export async function drawWinner(seed: string, ids: readonly string[]): Promise<DrawResult> {
  if (ids.length === 0) throw new Error('There are no entries to draw from.');
  if (ids.length > TWO_32) throw new Error('Too many entries.');
  const sorted = sortEntries(ids);
  const { index, rejected } = await uniformIndex(seed, utf8(sorted.join('\n')), sorted.length);
  return { sorted, index, winner: sorted[index]!, rejected };
}

/**
 * Steps 4 and 5: a uniform index in [0, n) from HMAC-SHA256 blocks keyed
 * with the seed, by rejection sampling over 32-bit big-endian words.
 */
export async function uniformIndex(seed: string, message: Uint8Array, n: number): Promise<{ index: number; rejected: number }> {
  if (!Number.isInteger(n) || n < 1 || n > TWO_32) throw new Error('The number of entries must be between 1 and 2^32.');
  const limit = TWO_32 - (TWO_32 % n);
  const subtle = webCrypto().subtle;
  const key = await subtle.importKey('raw', seedBytes(seed), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  let block = new Uint8Array(await subtle.sign('HMAC', key, message));
  let rejected = 0;
  for (;;) {
    for (let offset = 0; offset < block.length; offset += 4) {
      const word = ((block[offset]! << 24) | (block[offset + 1]! << 16) | (block[offset + 2]! << 8) | block[offset + 3]!) >>> 0;
      if (word < limit) return { index: word % n, rejected };
      rejected++;
    }
    block = new Uint8Array(await subtle.sign('HMAC', key, block));
  }
}

function seedBytes(seed: string): Uint8Array {
  if (!isSeed(seed)) throw new Error('A seed is 64 hexadecimal digits (0-9, a-f): 32 bytes.');
  const bytes = new Uint8Array(SEED_BYTES);
  for (let i = 0; i < SEED_BYTES; i++) bytes[i] = parseInt(seed.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** UTF-8 bytes of a string (src/shared has no TextEncoder type); a lone surrogate becomes U+FFFD, as TextEncoder does. */
export function utf8(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else c = 0xfffd;
    } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}
