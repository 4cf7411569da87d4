import https from 'node:https';

/**
 * Product pictures for a replay folder. The studio keeps no local copies of
 * catalog pictures (the UI and the watch page load them from the store's
 * website; only OBS's overlay keeps a cache of its own), so each one is
 * fetched once over https, with a time limit and a size cap, and kept only
 * when its bytes really are a picture (PNG, JPEG, GIF, WebP or AVIF; never
 * SVG or HTML). A picture that cannot be had leaves its card without one.
 */

export interface PictureFetchOptions {
  /** Per picture, from the request to the last byte. */
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  /** Trusted certificates instead of the system's (tests' own picture server). */
  readonly ca?: string | Buffer;
}

export type Picture = { readonly ok: true; readonly bytes: Buffer; readonly extension: PictureExtension } | { readonly ok: false; readonly reason: string };

export type PictureExtension = 'png' | 'jpg' | 'gif' | 'webp' | 'avif';

export const PICTURE_DEFAULTS = { timeoutMs: 10_000, maxBytes: 8 * 1024 * 1024 } as const;
const MAX_REDIRECTS = 3;

/** What the first bytes say the file is (null: not a picture a replay keeps). */
export function sniffPicture(bytes: Buffer): PictureExtension | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(bytes.subarray(0, 6).toString('latin1'))) return 'gif';
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  if (bytes.length >= 12 && bytes.subarray(4, 8).toString('latin1') === 'ftyp' && /^avi[fs]$/.test(bytes.subarray(8, 12).toString('latin1'))) return 'avif';
  return null;
}

/** Fetches one picture (https only, also after redirects). Never throws. */
export async function fetchPicture(url: string, options: PictureFetchOptions = {}): Promise<Picture> {
  const timeoutMs = options.timeoutMs ?? PICTURE_DEFAULTS.timeoutMs;
  const maxBytes = options.maxBytes ?? PICTURE_DEFAULTS.maxBytes;
  const deadline = Date.now() + timeoutMs;
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let parsed: URL;
    try {
      parsed = new URL(current);
    } catch {
      return { ok: false, reason: 'not a web address' };
    }
    if (parsed.protocol !== 'https:') return { ok: false, reason: 'not an https address' };
    const answer = await get(parsed, Math.max(1, deadline - Date.now()), maxBytes, options.ca);
    if (answer.kind === 'redirect') {
      current = new URL(answer.location, parsed).href;
      continue;
    }
    if (answer.kind === 'failed') return { ok: false, reason: answer.reason };
    const extension = sniffPicture(answer.bytes);
    if (!extension) return { ok: false, reason: 'not a PNG, JPEG, GIF, WebP or AVIF picture' };
    return { ok: true, bytes: answer.bytes, extension };
  }
  return { ok: false, reason: 'too many redirects' };
}

type Answer = { kind: 'bytes'; bytes: Buffer } | { kind: 'redirect'; location: string } | { kind: 'failed'; reason: string };

function get(url: URL, timeoutMs: number, maxBytes: number, ca: string | Buffer | undefined): Promise<Answer> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (answer: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
    };
    const req = https.get(
      url,
      { headers: { Accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9', 'User-Agent': 'LiveSellerStudio-Replay' }, ...(ca ? { ca } : {}) },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          done({ kind: 'redirect', location: res.headers.location });
          return;
        }
        if (status !== 200) {
          res.resume();
          done({ kind: 'failed', reason: `the website answered HTTP ${status}` });
          return;
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          req.destroy();
          done({ kind: 'failed', reason: `larger than ${Math.round(maxBytes / 1024 / 1024)} MB` });
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            req.destroy();
            done({ kind: 'failed', reason: `larger than ${Math.round(maxBytes / 1024 / 1024)} MB` });
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => done({ kind: 'bytes', bytes: Buffer.concat(chunks) }));
        res.on('error', (error) => done({ kind: 'failed', reason: error.message }));
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      done({ kind: 'failed', reason: `no answer within ${Math.round(timeoutMs / 1000)} s` });
    }, timeoutMs);
    req.on('error', (error) => done({ kind: 'failed', reason: error.message }));
  });
}
