import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { REPLAY_NAME_PATTERN, REPLAY_ROUTE_PREFIX } from '../shared/replay/replay-names.js';

/**
 * `GET /replay/<name>/…`: published replay folders (src/main/replay writes
 * them; docs/replay.md) from one replay directory. Only files, never a
 * listing; only names of a safe shape (no dots at the start of a part, so
 * never ".." or a hidden file), at most one folder deep (`images/`); only
 * the kinds of file a replay holds; and the file's real path must stay
 * inside the replay directory (a symlink out of it is refused). The video
 * answers HTTP Range requests, which seeking needs.
 */

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.mp4': 'video/mp4',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
};

/** A part of a path inside the folder: starts with a letter or digit, no slashes. */
const PART = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/**
 * The replay page's policy: its own script, style, pictures, video and
 * timeline, nothing from anywhere else; no inline code; no framing.
 */
export const REPLAY_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "media-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const REPLAY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': REPLAY_CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), display-capture=()',
};

export interface ReplayRouteDeps {
  /** The folder holding published replays (one folder each); null: the route is off. */
  readonly replayDir: string | null;
}

/** Answers a request under `/replay/`; false when the path is not one (the caller answers 404). */
export async function handleReplayRequest(deps: ReplayRouteDeps, req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<boolean> {
  if (pathname === REPLAY_ROUTE_PREFIX.slice(0, -1)) return notFound(res);
  if (!pathname.startsWith(REPLAY_ROUTE_PREFIX)) return false;
  if (deps.replayDir === null) return notFound(res);
  const parts = pathname.slice(REPLAY_ROUTE_PREFIX.length).split('/').map(safeDecode);
  const [name, ...rest] = parts;
  if (name === undefined || name === null || !REPLAY_NAME_PATTERN.test(name)) return notFound(res);
  // "/replay/<name>" → "/replay/<name>/", so the page's relative links resolve inside its folder.
  if (rest.length === 0) {
    res.writeHead(308, { Location: `${REPLAY_ROUTE_PREFIX}${encodeURIComponent(name)}/`, ...REPLAY_HEADERS });
    res.end();
    return true;
  }
  const inner = rest.length === 1 && rest[0] === '' ? ['index.html'] : rest;
  if (inner.length > 2 || !inner.every((p): p is string => p !== null && PART.test(p))) return notFound(res);
  const contentType = CONTENT_TYPES[path.extname(inner[inner.length - 1]!).toLowerCase()];
  if (!contentType) return notFound(res);
  const file = await resolveInside(deps.replayDir, [name, ...inner]);
  if (!file) return notFound(res);
  await sendFile(req, res, file.path, file.stat, contentType);
  return true;
}

/** The file's real path when it is a regular file inside `root` (after symlinks); null otherwise. */
async function resolveInside(root: string, parts: readonly string[]): Promise<{ path: string; stat: fs.Stats } | null> {
  try {
    const realRoot = await fs.promises.realpath(root);
    const real = await fs.promises.realpath(path.join(realRoot, ...parts));
    if (!real.startsWith(realRoot + path.sep)) return null;
    const stat = await fs.promises.stat(real);
    return stat.isFile() ? { path: real, stat } : null;
  } catch {
    return null;
  }
}

type ByteRange = { readonly start: number; readonly end: number };

/**
 * One byte range from a Range header (RFC 9110): "bytes=a-b", "bytes=a-",
 * "bytes=-n". null: no usable header (send it all); 'unsatisfiable': 416.
 * Several ranges at once are answered with the whole file (allowed, and no
 * player asks for them).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return null;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

async function sendFile(req: http.IncomingMessage, res: http.ServerResponse, file: string, stat: fs.Stats, contentType: string): Promise<void> {
  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const headers: Record<string, string | number> = {
    'Content-Type': contentType,
    ...REPLAY_HEADERS,
    'Accept-Ranges': 'bytes',
    // Re-publishing replaces the files under the same names: always ask (a 304 costs nothing).
    'Cache-Control': 'no-cache',
    ETag: etag,
    'Last-Modified': stat.mtime.toUTCString(),
  };
  const rangeHeader = req.headers.range;
  if (!rangeHeader && req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  // If-Range: the range only applies to the version the client already has.
  const ifRange = req.headers['if-range'];
  const range = ifRange && ifRange !== etag ? null : parseRange(rangeHeader, stat.size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${stat.size}` });
    res.end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: stat.size - 1 };
  const length = stat.size === 0 ? 0 : end - start + 1;
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${stat.size}`;
  headers['Content-Length'] = length;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD' || length === 0) {
    res.end();
    return;
  }
  await new Promise<void>((resolve) => {
    const stream = fs.createReadStream(file, { start, end });
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
}

function notFound(res: http.ServerResponse): true {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...REPLAY_HEADERS });
  res.end('Not found');
  return true;
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
