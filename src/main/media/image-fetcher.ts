import dns from 'node:dns';
import https from 'node:https';
import net from 'node:net';
import { MEDIA_MAX_BYTES, sniffMediaType, type MediaExtension } from '../../shared/media/media-id.js';
import { isPublicAddress } from './public-address.js';

/**
 * Fetches one product picture named in an imported file. The address is
 * untrusted, so: https only (also after a redirect), at most 3 redirects,
 * a time limit and a size cap, only JPEG, PNG, WebP or GIF by their first
 * bytes (whatever the Content-Type says), and never from a private,
 * loopback or link-local address. The address check runs inside the
 * connection's own DNS lookup, on every hop: the name is resolved, every
 * address it gives is checked, and the socket connects to one of those
 * addresses, so a name that answers differently the second time
 * (DNS rebinding) gains nothing.
 *
 * One exception, named by the seller: `trustedHost`, the host (and port)
 * of the store set in Settings → Store. A store on the shop's own network
 * (https://shop.lan:8443, https://192.168.1.20) may resolve to a private
 * address; a hop whose host is exactly that one may connect there. The
 * exception is per hop, by the hop's own host: a redirect from the store
 * to any other private host is still refused.
 */

export interface ImageFetchOptions {
  /** From the first request to the last byte, redirects included. */
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  /** Trusted certificates instead of the system's (a test's own https server). */
  readonly ca?: string | Buffer;
  /** Resolves a host name (default: the system resolver). */
  readonly resolve?: (hostname: string) => Promise<readonly ResolvedAddress[]>;
  /** Which resolved addresses may be connected to (default: public ones only). */
  readonly allowAddress?: (address: string) => boolean;
  /**
   * A host the seller named ("shop.lan:8443", "192.168.1.20": a URL's `host`, the port
   * only when not 443): a hop to exactly this host may connect to any address. See `storeHostOf`.
   */
  readonly trustedHost?: string | null;
}

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

export type FetchedImage =
  | { readonly ok: true; readonly bytes: Buffer; readonly extension: MediaExtension }
  | { readonly ok: false; readonly reason: string };

export const IMAGE_FETCH_DEFAULTS = { timeoutMs: 15_000, maxBytes: MEDIA_MAX_BYTES, maxRedirects: 3 } as const;

const systemResolve = async (hostname: string): Promise<readonly ResolvedAddress[]> =>
  (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

class AddressRefused extends Error {}

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Fetches one picture. Never throws: a failure carries a reason a host can read. */
export async function fetchImage(url: string, options: ImageFetchOptions = {}): Promise<FetchedImage> {
  const timeoutMs = options.timeoutMs ?? IMAGE_FETCH_DEFAULTS.timeoutMs;
  const maxBytes = options.maxBytes ?? IMAGE_FETCH_DEFAULTS.maxBytes;
  const publicOnly = options.allowAddress ?? isPublicAddress;
  const deadline = Date.now() + timeoutMs;
  let current = url;
  for (let hop = 0; hop <= IMAGE_FETCH_DEFAULTS.maxRedirects; hop++) {
    let parsed: URL;
    try {
      parsed = new URL(current);
    } catch {
      return { ok: false, reason: 'the image address is not a web address' };
    }
    if (parsed.protocol !== 'https:') return { ok: false, reason: 'the image address is not https' };
    // Decided per hop by this hop's host: the store's own host may be on the shop's network, nothing else may.
    const allow = options.trustedHost && parsed.host === options.trustedHost ? anyAddress : publicOnly;
    // An IP written in the address skips the lookup: check it here.
    const literal = parsed.hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(literal) !== 0 && !allow(literal)) return { ok: false, reason: privateReason(literal) };
    const answer = await get(parsed, Math.max(1, deadline - Date.now()), maxBytes, options, allow);
    if (answer.kind === 'redirect') {
      try {
        current = new URL(answer.location, parsed).href;
      } catch {
        return { ok: false, reason: 'the website redirected to an address that is not valid' };
      }
      continue;
    }
    if (answer.kind === 'failed') return { ok: false, reason: answer.reason };
    const extension = sniffMediaType(answer.bytes);
    if (!extension) return { ok: false, reason: 'the file is not a JPEG, PNG, WebP or GIF picture' };
    return { ok: true, bytes: answer.bytes, extension };
  }
  return { ok: false, reason: 'the website redirected too many times' };
}

const anyAddress = () => true;

/**
 * The host a store address trusts for pictures (`trustedHost`): its host and
 * port as a URL writes them; null when there is no store or it is not https.
 */
export function storeHostOf(storeUrl: string): string | null {
  try {
    const parsed = new URL(storeUrl);
    return parsed.protocol === 'https:' && parsed.host !== '' ? parsed.host : null;
  } catch {
    return null;
  }
}

/**
 * The studio's fetch for imported pictures (kept copies, OBS, replays): the
 * store address is read on every fetch, so a store set or changed in
 * Settings applies to the next picture without a restart.
 */
export function storePictureFetcher(storeUrl: () => string, options: ImageFetchOptions = {}): (url: string) => Promise<FetchedImage> {
  return (url) => fetchImage(url, { ...options, trustedHost: storeHostOf(storeUrl()) });
}

function privateReason(address: string): string {
  return `the address leads to a private or local network (${address}); only public websites are allowed`;
}

/** The socket's lookup: resolve, refuse when any address is not allowed, connect only to what was checked. */
function guardedLookup(options: ImageFetchOptions, allow: (address: string) => boolean): net.LookupFunction {
  const resolve = options.resolve ?? systemResolve;
  return (hostname, lookupOptions, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const refused = addresses.find((a) => !allow(a.address));
        const first = addresses[0];
        if (refused) return callback(new AddressRefused(privateReason(refused.address)), '', 0);
        if (!first) return callback(new Error(`the website ${hostname} could not be found`), '', 0);
        if (lookupOptions.all) return callback(null, addresses.map((a) => ({ ...a })));
        return callback(null, first.address, first.family);
      },
      () => callback(new Error(`the website ${hostname} could not be found`), '', 0),
    );
  };
}

type Answer = { kind: 'bytes'; bytes: Buffer } | { kind: 'redirect'; location: string } | { kind: 'failed'; reason: string };

function get(url: URL, timeoutMs: number, maxBytes: number, options: ImageFetchOptions, allow: (address: string) => boolean): Promise<Answer> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (answer: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(answer);
    };
    const tooLarge = `the picture is larger than ${megabytes(maxBytes)}`;
    const req = https.get(
      url,
      {
        headers: { Accept: 'image/webp,image/png,image/jpeg,image/gif;q=0.9', 'User-Agent': 'LiveSellerStudio-Pictures' },
        lookup: guardedLookup(options, allow),
        agent: false,
        ...(options.ca ? { ca: options.ca } : {}),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location) return done({ kind: 'redirect', location: res.headers.location });
        if (status !== 200) return done({ kind: 'failed', reason: `the website answered HTTP ${status}` });
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) return done({ kind: 'failed', reason: tooLarge });
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) return done({ kind: 'failed', reason: tooLarge });
          chunks.push(chunk);
        });
        res.on('end', () => done({ kind: 'bytes', bytes: Buffer.concat(chunks) }));
        res.on('error', (error) => done({ kind: 'failed', reason: error.message }));
      },
    );
    const timer = setTimeout(() => done({ kind: 'failed', reason: `the website did not answer within ${Math.max(1, Math.round(timeoutMs / 1000))} s` }), timeoutMs);
    req.on('error', (error) =>
      done({ kind: 'failed', reason: error instanceof AddressRefused ? error.message : `the picture could not be fetched (${error.message})` }),
    );
  });
}
