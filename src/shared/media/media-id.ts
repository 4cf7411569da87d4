/**
 * A product picture the studio keeps: named by the sha256 of its bytes and
 * its type (`<64 hex>.<ext>`), so one picture is stored once, a name can be
 * checked against the bytes, and a name never reaches outside its folder.
 * The studio serves it at /media/<id> from its own origin, the SFU too once
 * the studio has sent it there (docs/sfu-protocol.md, "Product pictures").
 */

/**
 * Not AVIF: a kept file also goes to OBS's image source as it is (which does
 * not list AVIF), and the host's picture drop takes these four only. Adding
 * a type means all of those, not only this list.
 */
export const MEDIA_EXTENSIONS = ['jpg', 'png', 'webp', 'gif'] as const;
export type MediaExtension = (typeof MEDIA_EXTENSIONS)[number];

export const MEDIA_ID_PATTERN = /^[0-9a-f]{64}\.(jpg|png|webp|gif)$/;

/** The largest picture kept (a product photo is rarely over 2 MB). */
export const MEDIA_MAX_BYTES = 10 * 1024 * 1024;

/** Where the studio and the SFU serve a picture. */
export const MEDIA_ROUTE_PREFIX = '/media/';

export const MEDIA_CONTENT_TYPES: Readonly<Record<MediaExtension, string>> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
};

export function isMediaId(value: string): boolean {
  return MEDIA_ID_PATTERN.test(value);
}

export function mediaExtensionOf(id: string): MediaExtension {
  return id.slice(id.lastIndexOf('.') + 1) as MediaExtension;
}

/** What the first bytes say the file is (null: not a picture the studio keeps; never SVG or HTML). */
export function sniffMediaType(bytes: Uint8Array): MediaExtension | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(ascii(0, 6))) return 'gif';
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  return null;
}
