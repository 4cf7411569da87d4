/**
 * A checkout link as it may reach a buyer (issue 19, "Claims become
 * checkouts"): https, a host, no user name or password, bounded. Pure TS:
 * the studio checks each link before it stores or sends it, the SFU's
 * schema checks it again, and the watch page once more before it draws it
 * as a link.
 */

/** What this file reads of a parsed address; `src/shared` has no DOM or Node types, every runtime has URL. */
interface ParsedUrl {
  readonly protocol: string;
  readonly hostname: string;
  readonly username: string;
  readonly password: string;
}
const UrlParser = (globalThis as unknown as { URL: new (text: string) => ParsedUrl }).URL;

/** Longer than any cart a show makes (a Shopify permalink with 20 variant:qty pairs is ~400 characters). */
export const CHECKOUT_URL_MAX_CHARS = 2000;

/** True when `url` may be shown to a buyer as a checkout link. */
export function isCheckoutUrl(url: string): boolean {
  if (url.length === 0 || url.length > CHECKOUT_URL_MAX_CHARS || /[\s<>"]/.test(url)) return false;
  try {
    const u = new UrlParser(url);
    return u.protocol === 'https:' && u.hostname !== '' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** "Check out your 2 items" (the buyer's page and the host's description of what was sent). */
export function checkoutTitle(items: number): string {
  return `Check out your ${items} ${items === 1 ? 'item' : 'items'}`;
}
