/**
 * Links in chat: scammers post them, so by default they wait for review.
 * Finds URLs with a scheme, "www." addresses and bare domains
 * ("shop.example.com", "bit.ly/x"), including the usual dodges
 * ("example . com", "example(dot)com", "example dot com").
 */

/**
 * Top-level domains a bare "word.word" must end in to count as a link.
 * Every two-letter country code counts; longer ones only from this list,
 * so "e.g.", "5.99", "size.Medium" and "wait...what" stay plain text.
 */
const LONG_TLDS = new Set(
  (
    'com net org info biz xyz top site online store shop app dev io ' +
    'link click live life club fun icu vip win bid loan work space tech website ' +
    'pro name mobi asia tel travel today world email group solutions digital ' +
    'blog news market money cash finance lol page art sale deals gift buzz'
  ).split(' '),
);

/**
 * Something shaped like a host name: words joined by dots, starting at a
 * word start. Deliberately simple (no nested quantifiers that can backtrack)
 * so a hostile 5,000-character message is still scanned in linear time;
 * whether it is a link is decided in code from its last label.
 */
const HOST_LIKE = /(?<![\p{L}\p{N}-])[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const SCHEME = /\b(?:https?|ftp):\/\/[^\s/?#]+/giu;
/** Dots viewers write out to slip a link past a filter (whitespace is already single spaces). */
const SPELLED_DOT = / ?(?:\[\.\]|\(\.\)|\[dot\]|\(dot\)|\{dot\}) ?| \. ?|(?<=\w)\. (?=(?:com|net|org|ly|io|co|shop|store|xyz|link|click)\b)/giu;
const WORD_DOT = / dot (?=(?:com|net|org|ly|io|co|shop|store|xyz|link|click|me|gg|ru|cn)\b)/giu;
const TLD_SHAPE = /^\p{L}{2,24}$/u;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const NON_ASCII = /[\u0080-\uffff]/;
const INVISIBLE = /\p{Cf}/gu;
const IDEOGRAPHIC_DOT = /\u3002/g;

function isTld(tld: string): boolean {
  return /^[a-z]{2}$/.test(tld) || LONG_TLDS.has(tld);
}

/** Host names of every link in the text, lowercase (with "www." kept). */
export function findLinkHosts(text: string): string[] {
  let lower = text.toLowerCase();
  if (NON_ASCII.test(lower)) {
    // Full-width letters and dots ("ｂｉｔ．ｌｙ", "bit。ly") are the same address to a
    // browser. Look-alike letters are NOT folded: "myshор.com" with Cyrillic
    // letters is another domain and must not pass as an allowed one.
    lower = lower.normalize('NFKC').replace(INVISIBLE, '').replace(IDEOGRAPHIC_DOT, '.');
  }
  const hosts: string[] = [];
  // Anything with a scheme is a link whatever its TLD ("http://localhost", "https://x.internal").
  if (lower.includes('://')) for (const m of lower.matchAll(SCHEME)) hosts.push(hostOf(m[0]));
  if (!lower.includes('.') && !lower.includes('dot')) return hosts;
  const joined = lower.replace(/\s+/g, ' ').replace(SPELLED_DOT, '.').replace(WORD_DOT, '.');
  for (const m of joined.matchAll(HOST_LIKE)) {
    const host = m[0].replace(/^-+|-+$/g, '');
    const tld = host.slice(host.lastIndexOf('.') + 1);
    if (hosts.includes(host)) continue;
    if (host.startsWith('www.') || (TLD_SHAPE.test(tld) && isTld(tld)) || IPV4.test(host)) hosts.push(host);
  }
  return hosts;
}

function hostOf(address: string): string {
  const withoutScheme = address.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  const host = withoutScheme.split(/[/?#:]/, 1)[0] ?? '';
  return host.replace(/^[^@]*@/, '').replace(/\.$/, '');
}

/**
 * An allowed-domain entry as a host name, whatever the producer typed:
 * "https://MyShop.com/", "*.myshop.com" and "www.myshop.com" all mean
 * myshop.com and its subdomains.
 */
export function allowedDomainOf(entry: string): string {
  return hostOf(entry.trim().toLowerCase())
    .replace(/^\*\./, '')
    .replace(/^www\./, '');
}

/** The domain itself or any subdomain of it; "notmyshop.com" is not "myshop.com". */
export function isAllowedHost(host: string, allowedDomains: readonly string[]): boolean {
  return allowedDomains.some((domain) => domain.length > 0 && (host === domain || host.endsWith(`.${domain}`)));
}

/** True when the text links anywhere outside the allowed domains. */
export function hasDisallowedLink(text: string, allowedDomains: readonly string[]): boolean {
  return findLinkHosts(text).some((host) => !isAllowedHost(host, allowedDomains));
}
