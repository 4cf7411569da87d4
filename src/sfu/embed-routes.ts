import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { normalizeEmbedOrigin } from '../shared/domain/store-settings.js';
import { SHOW_ID_PATTERN } from '../shared/sfu/protocol-constants.js';
import { EMBED_ORIGINS_META } from '../shared/sfu/embed-messages.js';

/**
 * The embeddable player (docs/embed.md): `GET /embed.js`, the loader a
 * seller pastes into any page, and `GET /embed/<show>`, the player that
 * loader frames — the watch page itself (one bundle, one markup) served with
 * `Content-Security-Policy: frame-ancestors <allowed origins>` instead of
 * `'none'`. Only the origins the SFU's options allow may frame it; the
 * watch page and everything else stay unframeable.
 */

export const EMBED_SCRIPT_PATH = '/embed.js';
const EMBED_PAGE = /^\/embed\/([^/]+)\/?$/;

const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // The player never captures anything, and a framing page cannot grant it more.
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), display-capture=()',
};

/** Only origins in their canonical form reach the header (no spaces, no ";", no paths, no wildcard); deduplicated. */
export function allowedEmbedOrigins(origins: readonly string[]): string[] {
  return [...new Set(origins.filter((o) => normalizeEmbedOrigin(o) === o))];
}

/** `frame-ancestors` for the player: the allowed origins, or `'none'` when no page may frame it. */
export function frameAncestors(origins: readonly string[]): string {
  const allowed = allowedEmbedOrigins(origins);
  return `frame-ancestors ${allowed.length === 0 ? "'none'" : allowed.join(' ')}`;
}

/** The watch page's policy (same script, styles, signaling) with framing opened to the allowed origins only. */
export function embedPageContentSecurityPolicy(watchPagePolicy: string, origins: readonly string[]): string {
  const policy = watchPagePolicy.replace("frame-ancestors 'none'", frameAncestors(origins));
  // Never served without the directive: a watch policy without it would leave the player frameable by anyone.
  if (!policy.includes('frame-ancestors ')) throw new Error('The watch page policy has no frame-ancestors directive.');
  return policy;
}

export interface EmbedRouteDeps {
  readonly viewerDir: string;
  readonly embedOrigins: () => readonly string[];
  /** The watch page's Content-Security-Policy for this request (http-routes.ts); the player's is that with its frame-ancestors. */
  readonly watchPagePolicy: (hostHeader: string | undefined) => string;
}

/** Answers `/embed.js` and `/embed/<show>`; false for any other path. */
export async function handleEmbedRequest(deps: EmbedRouteDeps, req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<boolean> {
  if (pathname === EMBED_SCRIPT_PATH) {
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const zipped = gzip ? await fs.promises.readFile(path.join(deps.viewerDir, 'embed.js.gz')).catch(() => null) : null;
    const body = zipped ?? (await readBuilt(deps, 'embed.js', res));
    if (!body) return true;
    res.writeHead(200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      // Loaded by the seller's pages on other origins.
      'Cross-Origin-Resource-Policy': 'cross-origin',
      // Short: a redeploy should reach the seller's visitors soon.
      'Cache-Control': 'public, max-age=300',
      Vary: 'Accept-Encoding',
      ...(zipped ? { 'Content-Encoding': 'gzip' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }
  const page = EMBED_PAGE.exec(pathname);
  if (!page) return false;
  const show = safeDecode(page[1] ?? '');
  if (show === null || !SHOW_ID_PATTERN.test(show)) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...PAGE_HEADERS, 'X-Frame-Options': 'DENY' });
    res.end('Not found');
    return true;
  }
  const html = await readBuilt(deps, 'index.html', res);
  if (!html) return true;
  const origins = allowedEmbedOrigins(deps.embedOrigins());
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    ...PAGE_HEADERS,
    'Content-Security-Policy': embedPageContentSecurityPolicy(deps.watchPagePolicy(req.headers.host), origins),
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : withAllowedOrigins(html.toString('utf8'), origins));
  return true;
}

/** The player posts only to a parent on this list (embed-bridge.ts reads it): a `<meta>`, since the page has no inline script. */
function withAllowedOrigins(html: string, origins: readonly string[]): string {
  const meta = `<meta name="${EMBED_ORIGINS_META}" content="${escapeAttribute(origins.join(' '))}" />`;
  return html.replace('<head>', `<head>\n    ${meta}`);
}

function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

async function readBuilt(deps: EmbedRouteDeps, name: string, res: http.ServerResponse): Promise<Buffer | null> {
  try {
    return await fs.promises.readFile(path.join(deps.viewerDir, name));
  } catch {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', ...PAGE_HEADERS });
    res.end('The player has not been built. Run "npm run build".');
    return null;
  }
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
