import crypto from 'node:crypto';
import type http from 'node:http';
import { MEDIA_CONTENT_TYPES, MEDIA_ID_PATTERN, MEDIA_MAX_BYTES, MEDIA_ROUTE_PREFIX, mediaExtensionOf, sniffMediaType } from '../shared/media/media-id.js';
import { SHOW_ID_PATTERN } from '../shared/sfu/protocol-constants.js';
import type { SfuMediaStore } from './media-store.js';

/**
 * `/media/<sha256>.<ext>`: product pictures served from the SFU's own origin
 * (docs/sfu-protocol.md, "Product pictures"). The studio sends one before
 * it pins a product with it: `PUT /media/<id>?show=<show>` with
 * `Authorization: Bearer <host token of that show>`, the body at most 10 MB,
 * its sha256 and its first bytes matching the name. Anyone may GET one (the
 * watch page does); nothing else is served, no listing.
 */

export interface MediaRouteDeps {
  readonly store: SfuMediaStore;
  /** The show's host token, checked under the signaling's lockout for wrong tokens (429 once locked). */
  readonly checkHostToken: (req: http.IncomingMessage, show: string, token: string) => { ok: true } | { ok: false; status: 401 | 429; message: string };
}

const HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Content-Security-Policy': "default-src 'none'; sandbox",
};

/** Answers a request under /media/; false when the path is not one. */
export async function handleMediaRequest(deps: MediaRouteDeps, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
  if (!url.pathname.startsWith(MEDIA_ROUTE_PREFIX)) return false;
  const id = url.pathname.slice(MEDIA_ROUTE_PREFIX.length);
  if (!MEDIA_ID_PATTERN.test(id)) return answer(res, 404, 'Not found');
  if (req.method === 'GET' || req.method === 'HEAD') {
    const body = deps.store.get(id);
    if (!body) return answer(res, 404, 'Not found');
    res.writeHead(200, {
      ...HEADERS,
      'Content-Type': MEDIA_CONTENT_TYPES[mediaExtensionOf(id)],
      'Content-Length': body.length,
      // The name is the content's hash: it never changes.
      'Cache-Control': 'public, max-age=31536000, immutable',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }
  if (req.method !== 'PUT') {
    res.writeHead(405, { ...HEADERS, Allow: 'GET, HEAD, PUT' });
    res.end();
    return true;
  }
  const show = url.searchParams.get('show') ?? '';
  const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  const checked = SHOW_ID_PATTERN.test(show) && token !== '' ? deps.checkHostToken(req, show, token) : null;
  if (!checked?.ok) {
    req.resume();
    return answer(res, checked?.status ?? 401, checked?.status === 429 ? checked.message : 'Only the studio of this show may send pictures.');
  }
  if (deps.store.has(id)) {
    req.resume();
    return answer(res, 204, null);
  }
  const body = await readBody(req, MEDIA_MAX_BYTES);
  if (body === null) return answer(res, 413, `A picture is at most ${MEDIA_MAX_BYTES / 1024 / 1024} MB.`, true);
  const hash = crypto.createHash('sha256').update(body).digest('hex');
  if (`${hash}.${sniffMediaType(body) ?? ''}` !== id) return answer(res, 422, 'The picture does not match its name.');
  deps.store.put(id, body);
  return answer(res, 201, null);
}

/** The body, or null once it passes `max` bytes (the rest is not read). */
function readBody(req: http.IncomingMessage, max: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function answer(res: http.ServerResponse, status: number, text: string | null, close = false): true {
  res.writeHead(status, { ...HEADERS, ...(text === null ? {} : { 'Content-Type': 'text/plain; charset=utf-8' }), ...(close ? { Connection: 'close' } : {}) });
  res.end(text ?? undefined);
  return true;
}
