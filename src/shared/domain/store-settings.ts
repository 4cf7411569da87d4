import { z } from 'zod';

/**
 * The seller's own web shop (issue 19): where Buy buttons and checkout links
 * go, the currency prices are shown in when an imported file names none, and
 * which web pages may embed the live player.
 */

/** What this file reads of a parsed address; `src/shared` has no DOM or Node types, every runtime has URL. */
interface ParsedUrl {
  readonly protocol: string;
  readonly hostname: string;
  readonly username: string;
  readonly password: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  readonly origin: string;
}
const UrlParser = (globalThis as unknown as { URL: new (text: string) => ParsedUrl }).URL;

export const STORE_PLATFORMS = ['shopify', 'woocommerce', 'other'] as const;
export type StorePlatform = (typeof STORE_PLATFORMS)[number];

/** The store's address: https, a host, an optional path (a WooCommerce shop may live under /shop). */
export const storeUrlSchema = z
  .string()
  .trim()
  .max(500, 'Store address: 500 characters at most.')
  .refine((v) => v === '' || isHttpsUrl(v), {
    message: 'The store address starts with https:// (for example https://shop.example.com).',
  });

/** An ISO 4217 code ("USD", "EUR"); empty: no store currency (prices show as bare numbers where a file named none). */
export const storeCurrencySchema = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .refine((v) => v === '' || isKnownCurrency(v), {
    message: 'Currency: a three-letter code such as USD, EUR or GBP.',
  });

/**
 * A web origin that may frame the embedded player: "https://shop.example.com"
 * (a port is allowed), or http:// only for this computer (localhost,
 * 127.0.0.1) so a theme can be tried locally. No path, no wildcard.
 */
export const embedOriginSchema = z
  .string()
  .trim()
  .max(300, 'An embed address is 300 characters at most.')
  .refine((v) => normalizeEmbedOrigin(v) !== null, {
    message: 'An embed address is the start of a web address, such as https://shop.example.com (no path).',
  })
  .transform((v) => normalizeEmbedOrigin(v) ?? v);

export const EMBED_ORIGINS_MAX = 20;

export const storeSettingsSchema = z.object({
  platform: z.enum(STORE_PLATFORMS).default('other'),
  /** Empty: no store; Buy goes to each product's own link. */
  url: storeUrlSchema.default(''),
  currency: storeCurrencySchema.default(''),
  /** Pages allowed to frame the player (Content-Security-Policy frame-ancestors); empty: no page may. */
  embedOrigins: z
    .array(embedOriginSchema)
    .max(EMBED_ORIGINS_MAX, `At most ${EMBED_ORIGINS_MAX} embed addresses.`)
    .default(() => []),
});

export type StoreSettings = z.output<typeof storeSettingsSchema>;

export const storeSettingsPatchSchema = z
  .object({
    platform: z.enum(STORE_PLATFORMS),
    url: storeUrlSchema,
    currency: storeCurrencySchema,
    embedOrigins: z.array(embedOriginSchema).max(EMBED_ORIGINS_MAX, `At most ${EMBED_ORIGINS_MAX} embed addresses.`),
  })
  .partial()
  .strict();

function isHttpsUrl(v: string): boolean {
  try {
    const u = new UrlParser(v);
    return u.protocol === 'https:' && u.hostname !== '' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

const HOST_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;
const IPV6_LITERAL = /^\[[0-9a-f:.]+\]$/;

/** The canonical form of an allowed embed origin ("https://shop.example.com:8443"), or null. */
export function normalizeEmbedOrigin(v: string): string | null {
  let u: ParsedUrl;
  try {
    u = new UrlParser(v.trim());
  } catch {
    return null;
  }
  if (u.username !== '' || u.password !== '' || u.search !== '' || u.hash !== '') return null;
  if (u.pathname !== '/' && u.pathname !== '') return null;
  // A host name of letters, digits, "-" and "." (punycode for others), or a bracketed IPv6 address: the URL parser
  // lets "*", ";" and "," through, which would widen frame-ancestors to every site or add a directive.
  if (!HOST_NAME.test(u.hostname) && !IPV6_LITERAL.test(u.hostname)) return null;
  if (u.protocol === 'https:') return u.origin;
  const local = u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
  return u.protocol === 'http:' && local ? u.origin : null;
}

function isKnownCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  const known = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('currency');
  return known === undefined ? true : known.includes(code);
}
