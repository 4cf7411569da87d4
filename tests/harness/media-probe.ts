/**
 * Reading a media file back with the real ffprobe and ffmpeg (Debian's, on
 * the PATH): its container, streams and length, and the colour of a point
 * in a decoded frame. For the recording tests (unit and end to end). A
 * harness: no vitest here.
 */
import { execFile } from 'node:child_process';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** tests/fixtures/recordings (see its README): real captures made by Chromium's MediaRecorder. */
export const RECORDING_FIXTURES = path.resolve(import.meta.dirname, '../fixtures/recordings');

export interface MediaInfo {
  /** ffprobe's format name, e.g. "mov,mp4,m4a,3gp,3g2,mj2" or "matroska,webm". */
  readonly format: string;
  /** The brand of an MP4 ("isom"), null for other containers. */
  readonly brand: string | null;
  readonly durationMs: number | null;
  readonly video: { readonly codec: string; readonly width: number; readonly height: number } | null;
  readonly audio: { readonly codec: string } | null;
  /** Where the index is: true when `moov` comes before `mdat` (+faststart). */
  readonly indexFirst: boolean | null;
}

export async function probeMedia(file: string): Promise<MediaInfo> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=format_name,duration:format_tags=major_brand:stream=codec_type,codec_name,width,height', '-of', 'json', file]);
  const parsed = JSON.parse(stdout) as {
    format: { format_name: string; duration?: string; tags?: { major_brand?: string } };
    streams: { codec_type: string; codec_name: string; width?: number; height?: number }[];
  };
  const video = parsed.streams.find((s) => s.codec_type === 'video');
  const audio = parsed.streams.find((s) => s.codec_type === 'audio');
  const duration = Number(parsed.format.duration);
  return {
    format: parsed.format.format_name,
    brand: parsed.format.tags?.major_brand ?? null,
    durationMs: Number.isFinite(duration) ? Math.round(duration * 1000) : null,
    video: video ? { codec: video.codec_name, width: video.width ?? 0, height: video.height ?? 0 } : null,
    audio: audio ? { codec: audio.codec_name } : null,
    indexFirst: parsed.format.format_name.includes('mp4') ? await moovBeforeMdat(file) : null,
  };
}

/** Reads the top-level boxes of an MP4: is `moov` before `mdat`? */
async function moovBeforeMdat(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const header = Buffer.alloc(16);
    for (let offset = 0; ; ) {
      const { bytesRead } = await handle.read(header, 0, 16, offset);
      if (bytesRead < 8) return false;
      let size = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      if (type === 'moov') return true;
      if (type === 'mdat') return false;
      if (size === 1) size = Number(header.readBigUInt64BE(8));
      if (size < 8) return false;
      offset += size;
    }
  } finally {
    await handle.close();
  }
}

export type Rgb = [number, number, number];

/**
 * The colour at (x, y), fractions of the frame, of the frame shown at
 * `atSeconds`. The frame is scaled down to 160×90 first (colours of areas,
 * not of single pixels, are what the tests look at).
 */
export async function framePixel(file: string, atSeconds: number, x: number, y: number): Promise<Rgb> {
  const W = 160;
  const H = 90;
  const { stdout } = await run(
    'ffmpeg',
    ['-v', 'error', '-ss', atSeconds.toFixed(3), '-i', file, '-frames:v', '1', '-vf', `scale=${W}:${H}`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
    { encoding: 'buffer', maxBuffer: W * H * 3 + 1024 },
  );
  const at = (Math.min(H - 1, Math.round(y * H)) * W + Math.min(W - 1, Math.round(x * W))) * 3;
  if (stdout.length < W * H * 3) throw new Error(`No frame at ${atSeconds} s in ${file}`);
  return [stdout[at]!, stdout[at + 1]!, stdout[at + 2]!];
}
