import { useEffect, useState } from 'react';
import { imageSrc } from './safe-url.js';

/**
 * Product pictures as the compositor draws them on the video. A canvas that
 * is sent as video must stay readable (untainted), so a picture is loaded
 * with anonymous CORS: a store whose image host sends no
 * Access-Control-Allow-Origin header refuses it, and the card is drawn
 * without it. The product drawer asks the same loader why, so it can tell
 * the host. The watch page's plain <img> needs no CORS and still shows it.
 */

export type VideoPictureState = 'loading' | 'ready' | 'failed';

/** Why a picture is not on the video: its website refuses canvases (no CORS), or it does not load at all. */
export type VideoPictureProblem = 'no-cors' | 'unreachable';

export interface VideoPicture {
  readonly image: HTMLImageElement;
  readonly state: VideoPictureState;
}

interface Entry {
  image: HTMLImageElement;
  state: VideoPictureState;
  settled: Promise<VideoPictureState>;
  failedAt: number;
}

/** A show pins a few dozen products; the oldest pictures are forgotten past this. */
const KEEP = 200;
/** A picture that failed (a network blip, a store that fixed its headers) is tried again after this. */
const RETRY_AFTER_MS = 60_000;
const cache = new Map<string, Entry>();

function load(url: string, crossOrigin: boolean): { image: HTMLImageElement; done: Promise<boolean> } {
  const image = new Image();
  if (crossOrigin) image.crossOrigin = 'anonymous';
  image.referrerPolicy = 'no-referrer';
  const done = new Promise<boolean>((resolve) => {
    image.onload = () => resolve(image.naturalWidth > 0);
    image.onerror = () => resolve(false);
  });
  image.src = url;
  return { image, done };
}

/** The picture for the canvas (loading starts on the first ask); a url that is not http(s) never loads. */
export function videoPicture(url: string): VideoPicture {
  return entryFor(url);
}

function entryFor(url: string): Entry {
  let entry = cache.get(url);
  if (entry?.state === 'failed' && performance.now() - entry.failedAt > RETRY_AFTER_MS) entry = undefined;
  if (!entry) {
    const src = imageSrc(url);
    const { image, done } = src ? load(src, true) : { image: new Image(), done: Promise.resolve(false) };
    const created: Entry = { image, state: 'loading', settled: Promise.resolve('loading'), failedAt: 0 };
    created.settled = done.then((ok) => {
      created.failedAt = performance.now();
      return (created.state = ok ? 'ready' : 'failed');
    });
    entry = created;
    cache.delete(url);
    cache.set(url, entry);
    if (cache.size > KEEP) cache.delete(cache.keys().next().value!);
  }
  return entry;
}

/**
 * Null when the picture draws on the video; otherwise why not. A picture the
 * canvas cannot load is tried once more as a plain image: if that works, its
 * website just does not allow other sites to draw it (no CORS header).
 */
export async function videoPictureProblem(url: string): Promise<VideoPictureProblem | null> {
  if ((await entryFor(url).settled) === 'ready') return null;
  const src = imageSrc(url);
  if (!src) return 'unreachable';
  return (await load(src, false).done) ? 'no-cors' : 'unreachable';
}

/** `videoPictureProblem` for React: null while checking and when the picture draws. */
export function useVideoPictureProblem(url: string | null): VideoPictureProblem | null {
  const [problem, setProblem] = useState<{ url: string; problem: VideoPictureProblem | null } | null>(null);
  useEffect(() => {
    if (!url) return;
    let live = true;
    void videoPictureProblem(url).then((p) => live && setProblem({ url, problem: p }));
    return () => {
      live = false;
    };
  }, [url]);
  return problem && problem.url === url ? problem.problem : null;
}
