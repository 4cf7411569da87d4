import fs from 'node:fs';
import path from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.map': 'application/json; charset=utf-8',
};

export const contentTypeFor = (filePath: string): string =>
  CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';

/**
 * Maps a URL path onto a file inside `root`, or null when the path tries to
 * leave it (`..`, encoded slashes, NUL bytes, absolute paths). Both the
 * desktop app's app:// protocol and the control server serve files through
 * this one check.
 */
export function resolveStaticPath(root: string, urlPathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const rootAbs = path.resolve(root);
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const target = path.resolve(rootAbs, relative);
  if (target !== rootAbs && !target.startsWith(rootAbs + path.sep)) return null;
  return target;
}

export interface StaticFile {
  readonly filePath: string;
  readonly contentType: string;
  readonly body: Buffer;
}

/**
 * Reads a file for a URL path. Unknown paths without an extension fall back
 * to index.html (the UI is a single page); anything else missing is null.
 */
export async function readStaticFile(root: string, urlPathname: string): Promise<StaticFile | null> {
  const resolved = resolveStaticPath(root, urlPathname);
  if (!resolved) return null;
  const candidates = path.extname(resolved) ? [resolved] : [resolved, path.join(path.resolve(root), 'index.html')];
  for (const filePath of candidates) {
    try {
      const stat = await fs.promises.stat(filePath);
      if (!stat.isFile()) continue;
      return { filePath, contentType: contentTypeFor(filePath), body: await fs.promises.readFile(filePath) };
    } catch {
      // try the next candidate
    }
  }
  return null;
}
