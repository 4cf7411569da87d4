import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { SHOW_ID_PATTERN } from '../shared/sfu/protocol-constants.js';
import { handleEmbedRequest } from './embed-routes.js';
import { handleMediaRequest, type MediaRouteDeps } from './media-routes.js';
import { handleReplayRequest } from './replay-routes.js';

/** The built viewer page (scripts/build-viewer.ts); served by name, never by a path from the URL. */
const VIEWER_ASSETS: Readonly<Record<string, string>> = {
  'watch.js': 'text/javascript; charset=utf-8',
  'watch.css': 'text/css; charset=utf-8',
  'guest.js': 'text/javascript; charset=utf-8',
  'guest.css': 'text/css; charset=utf-8',
};
export const VIEWER_ASSET_PREFIX = '/viewer/';

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  // The watch page never captures anything.
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), display-capture=()',
};

/** The guest page sends its camera and mic (its own origin only, never a frame's); nothing else. */
const GUEST_PERMISSIONS_POLICY = 'camera=(self), microphone=(self), geolocation=(), display-capture=()';

/** A Host header we are willing to echo into the CSP (name or IP, optional port). */
const SAFE_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The watch page's policy: only our own script and styles, no inline code,
 * signaling to ourselves only. Product pictures come from this origin
 * (/media/<id>, sent by the studio), or on older cards from store CDNs,
 * hence any https (and http) image. Older Safari does not count ws: as 'self', so
 * the WebSocket origin is listed explicitly.
 */
export function watchPageContentSecurityPolicy(hostHeader: string | undefined, secure: boolean): string {
  const ws = hostHeader && SAFE_HOST.test(hostHeader) ? ` ${secure ? 'wss' : 'ws'}://${hostHeader}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' https: http: data:",
    "media-src 'self' blob: mediastream:",
    `connect-src 'self'${ws}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The guest page's policy: like the watch page's, without outside images (it
 * shows none; a guest's name is text).
 */
export function guestPageContentSecurityPolicy(hostHeader: string | undefined, secure: boolean): string {
  return watchPageContentSecurityPolicy(hostHeader, secure).replace("img-src 'self' https: http: data:", 'img-src data:');
}

export interface HealthReport {
  readonly ok: boolean;
  readonly [key: string]: unknown;
}

export interface HttpRoutesDeps {
  readonly viewerDir: string;
  /** Published replays served at /replay/<name>/ (replay-routes.ts); null: that route is off. */
  readonly replayDir: string | null;
  readonly secure: boolean;
  readonly health: () => HealthReport;
  /** Origins allowed to frame the embedded player (embed-routes.ts); read per request. */
  readonly embedOrigins: () => readonly string[];
  /** Product pictures at /media/<id> (media-routes.ts); absent: that route is off. */
  readonly media?: MediaRouteDeps;
}

/** /media/<id> (GET, and the studio's PUT), GET /healthz, GET /watch/<show>, GET /guest/<show>, GET /viewer/<asset>, GET /embed.js, GET /embed/<show>, GET /replay/<name>/…; everything else is 404. */
export async function handleSfuHttp(deps: HttpRoutesDeps, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  // The studio PUTs pictures here: before the GET-only rule below.
  if (deps.media && (await handleMediaRequest(deps.media, req, res, url))) return;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', ...SECURITY_HEADERS });
    res.end();
    return;
  }
  if (url.pathname === '/healthz') {
    const report = deps.health();
    res.writeHead(report.ok ? 200 : 503, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(report));
    return;
  }
  const watch = /^\/watch\/([^/]+)\/?$/.exec(url.pathname);
  if (watch) {
    const show = safeDecode(watch[1] ?? '');
    if (show === null || !SHOW_ID_PATTERN.test(show)) return notFound(res);
    await sendViewerFile(deps, req, res, 'index.html', 'text/html; charset=utf-8', {
      'Content-Security-Policy': watchPageContentSecurityPolicy(req.headers.host, deps.secure),
      'Cache-Control': 'no-store',
    });
    return;
  }
  // An invite link: /guest/<show>#invite=<token> (the token stays in the browser; the page reads it).
  const guest = /^\/guest\/([^/]+)\/?$/.exec(url.pathname);
  if (guest) {
    const show = safeDecode(guest[1] ?? '');
    if (show === null || !SHOW_ID_PATTERN.test(show)) return notFound(res);
    await sendViewerFile(deps, req, res, 'guest.html', 'text/html; charset=utf-8', {
      'Content-Security-Policy': guestPageContentSecurityPolicy(req.headers.host, deps.secure),
      'Permissions-Policy': GUEST_PERMISSIONS_POLICY,
      'Cache-Control': 'no-store',
    });
    return;
  }
  if (url.pathname.startsWith(VIEWER_ASSET_PREFIX)) {
    const name = url.pathname.slice(VIEWER_ASSET_PREFIX.length);
    const contentType = Object.hasOwn(VIEWER_ASSETS, name) ? VIEWER_ASSETS[name] : undefined;
    if (!contentType) return notFound(res);
    // Short cache: the file names are stable, and a redeploy should reach phones soon.
    const headers = { 'Cache-Control': 'public, max-age=300', Vary: 'Accept-Encoding' };
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      const sent = await sendViewerFile(deps, req, res, `${name}.gz`, contentType, { ...headers, 'Content-Encoding': 'gzip' }, true);
      if (sent) return;
    }
    await sendViewerFile(deps, req, res, name, contentType, headers);
    return;
  }
  const watchPagePolicy = (host: string | undefined) => watchPageContentSecurityPolicy(host, deps.secure);
  if (await handleEmbedRequest({ viewerDir: deps.viewerDir, embedOrigins: deps.embedOrigins, watchPagePolicy }, req, res, url.pathname)) return;
  if (await handleReplayRequest(deps, req, res, url.pathname)) return;
  notFound(res);
}

async function sendViewerFile(
  deps: HttpRoutesDeps,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  name: string,
  contentType: string,
  headers: Record<string, string>,
  /** Report a missing file instead of answering 503 (for optional variants). */
  optional = false,
): Promise<boolean> {
  let body: Buffer;
  try {
    body = await fs.promises.readFile(path.join(deps.viewerDir, name));
  } catch {
    if (optional) return false;
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
    res.end('The viewer page has not been built. Run "npm run build".');
    return true;
  }
  res.writeHead(200, { 'Content-Type': contentType, ...SECURITY_HEADERS, ...headers });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

function notFound(res: http.ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
  res.end('Not found');
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
