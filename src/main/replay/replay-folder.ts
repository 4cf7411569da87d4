import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StudioError } from '../../shared/api/result.js';
import { REPLAY_FILES, REPLAY_FORMAT, REPLAY_IMAGES_DIR, type ReplayTimeline } from '../../shared/replay/replay-timeline.js';
import type { FetchedImage } from '../media/image-fetcher.js';
import { pictureKey, timelineOf, type PictureSource, type ReplayPlan } from './replay-plan.js';

/**
 * Writes a replay folder: index.html, replay.js and replay.css (the page,
 * built by src/sfu/replay-bundle.ts), video.mp4 (a hard link to the
 * recording when the two are on one disk, else a copy), timeline.json and
 * images/. Everything is written into a hidden folder beside the
 * destination first and renamed into place at the end, so a viewer (or the
 * SFU serving it) sees the old replay or the new one, never half of one; a
 * failure leaves the old one as it was.
 */

export type FolderPhase = 'video' | 'pictures' | 'finishing';

export interface ReplayFolderInput {
  /** The replay's folder (absolute); replaced when it already holds a replay. */
  readonly dest: string;
  /** The recording's MP4. */
  readonly video: string;
  /** The built replay page (index.html template, replay.js, replay.css). */
  readonly pageDir: string;
  readonly plan: ReplayPlan;
  /** A card's picture: the studio's kept copy, else fetched (replay-pictures.ts). Never throws. */
  readonly picture: (source: PictureSource) => Promise<FetchedImage>;
  /** `fraction`: 0..1 of that phase. */
  readonly onProgress?: (phase: FolderPhase, fraction: number) => void;
  readonly now?: () => number;
  readonly log?: (message: string) => void;
}

export interface WrittenReplay {
  readonly folder: string;
  readonly timeline: ReplayTimeline;
  /** Pictures that could not be had (their cards show without one). */
  readonly missingPictures: number;
}

/** Pictures fetched at once. */
const PICTURE_CONCURRENCY = 4;
/** The marker in the page template replaced by the show's name (HTML-escaped). */
export const TITLE_MARKER = '%REPLAY_TITLE%';

export async function writeReplayFolder(input: ReplayFolderInput): Promise<WrittenReplay> {
  await assertReplaceable(input.dest);
  const parent = path.dirname(input.dest);
  await fs.promises.mkdir(parent, { recursive: true });
  await removeLeftovers(input.dest);
  const tmp = siblingOf(input.dest, 'publishing');
  await fs.promises.mkdir(tmp);
  try {
    const page = await readPage(input.pageDir);
    await placeVideo(input.video, path.join(tmp, REPLAY_FILES.video), (f) => input.onProgress?.('video', f));
    const pictures = await savePictures(input, path.join(tmp, REPLAY_IMAGES_DIR));
    input.onProgress?.('finishing', 0);
    const timeline = timelineOf(input.plan, pictures.saved, (input.now ?? Date.now)());
    await fs.promises.writeFile(path.join(tmp, REPLAY_FILES.timeline), `${JSON.stringify(timeline, null, 1)}\n`);
    await fs.promises.writeFile(path.join(tmp, REPLAY_FILES.page), page.html.replaceAll(TITLE_MARKER, escapeHtml(input.plan.title)));
    await fs.promises.writeFile(path.join(tmp, REPLAY_FILES.script), page.script);
    await fs.promises.writeFile(path.join(tmp, REPLAY_FILES.style), page.style);
    await swapInto(tmp, input.dest);
    input.onProgress?.('finishing', 1);
    return { folder: input.dest, timeline, missingPictures: pictures.missing };
  } catch (error) {
    await fs.promises.rm(tmp, { recursive: true, force: true });
    throw error;
  }
}

/** Text for HTML (the show's name in the page's title and heading). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Does this folder hold a published replay (its timeline.json says so)? */
export async function isReplayFolder(dir: string): Promise<boolean> {
  try {
    const json = JSON.parse(await fs.promises.readFile(path.join(dir, REPLAY_FILES.timeline), 'utf8')) as { format?: unknown };
    return json.format === REPLAY_FORMAT;
  } catch {
    return false;
  }
}

/**
 * Publishing replaces the whole folder: only an earlier replay or an empty
 * folder may be there, never the host's other files.
 */
export async function assertReplaceable(dest: string): Promise<void> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(dest);
  } catch {
    return; // nothing there yet
  }
  if (!stat.isDirectory()) throw new StudioError('conflict', `${dest} is a file, not a folder. Pick another folder.`);
  const entries = await fs.promises.readdir(dest);
  if (entries.length === 0 || (await isReplayFolder(dest))) return;
  throw new StudioError(
    'conflict',
    `${dest} already holds other files, and publishing replaces the whole folder. Pick another folder, or move that one away.`,
  );
}

function siblingOf(dest: string, kind: 'publishing' | 'old'): string {
  return path.join(path.dirname(dest), `.${path.basename(dest)}.${kind}-${crypto.randomBytes(4).toString('hex')}`);
}

/** Hidden folders a crash left beside the destination (a publish that never finished, an old copy not yet removed). */
async function removeLeftovers(dest: string): Promise<void> {
  const prefix = `.${path.basename(dest)}.`;
  const names = await fs.promises.readdir(path.dirname(dest)).catch(() => [] as string[]);
  for (const name of names) {
    if (name.startsWith(prefix) && /\.(publishing|old)-[0-9a-f]{8}$/.test(name)) {
      await fs.promises.rm(path.join(path.dirname(dest), name), { recursive: true, force: true });
    }
  }
}

async function readPage(pageDir: string): Promise<{ html: string; script: Buffer; style: Buffer }> {
  try {
    return {
      html: await fs.promises.readFile(path.join(pageDir, REPLAY_FILES.page), 'utf8'),
      script: await fs.promises.readFile(path.join(pageDir, REPLAY_FILES.script)),
      style: await fs.promises.readFile(path.join(pageDir, REPLAY_FILES.style)),
    };
  } catch {
    throw new StudioError('conflict', 'The replay page is missing from this installation (run "npm run build", or reinstall the studio).');
  }
}

/** A hard link when the recording is on the same disk (instant, no space used), else a copy with progress. */
async function placeVideo(source: string, target: string, progress: (fraction: number) => void): Promise<void> {
  let size: number;
  try {
    size = (await fs.promises.stat(source)).size;
  } catch {
    throw new StudioError('not-found', `The recording's video file is missing (${source}).`);
  }
  progress(0);
  try {
    await fs.promises.link(source, target);
    progress(1);
    return;
  } catch {
    // another disk, or a file system without hard links: copy
  }
  let copied = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      copied += chunk.length;
      progress(size === 0 ? 1 : copied / size);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(fs.createReadStream(source), counter, fs.createWriteStream(target, { flags: 'wx' }));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') throw new StudioError('conflict', 'The disk is full: there is no room for a copy of the video. Free some space and publish again.');
    throw error;
  }
}

/** Each picture once (cards that share one share the file), a few at a time. */
async function savePictures(input: ReplayFolderInput, dir: string): Promise<{ saved: Map<string, string>; missing: number }> {
  const sources = new Map<string, PictureSource>();
  for (const { picture } of input.plan.pins) if (picture !== null && !sources.has(pictureKey(picture))) sources.set(pictureKey(picture), picture);
  const keys = [...sources.keys()];
  const saved = new Map<string, string>();
  if (keys.length === 0) return { saved, missing: 0 };
  await fs.promises.mkdir(dir);
  let next = 0;
  let done = 0;
  let missing = 0;
  input.onProgress?.('pictures', 0);
  const worker = async () => {
    while (next < keys.length) {
      const index = next++;
      const key = keys[index]!;
      const source = sources.get(key)!;
      const picture = await input.picture(source);
      if (picture.ok) {
        const name = `${index + 1}.${picture.extension}`;
        await fs.promises.writeFile(path.join(dir, name), picture.bytes);
        saved.set(key, `${REPLAY_IMAGES_DIR}/${name}`);
      } else {
        missing += 1;
        input.log?.(`A product picture was left out of the replay (${source.url ?? source.mediaId}): ${picture.reason}`);
      }
      input.onProgress?.('pictures', ++done / keys.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PICTURE_CONCURRENCY, keys.length) }, worker));
  return { saved, missing };
}

/** The new folder takes the old one's place; the old one goes only once the new one is there. */
async function swapInto(tmp: string, dest: string): Promise<void> {
  const exists = await fs.promises.stat(dest).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await fs.promises.rename(tmp, dest);
    return;
  }
  const old = siblingOf(dest, 'old');
  await fs.promises.rename(dest, old);
  try {
    await fs.promises.rename(tmp, dest);
  } catch (error) {
    await fs.promises.rename(old, dest); // put the old replay back
    throw error;
  }
  await fs.promises.rm(old, { recursive: true, force: true });
}
