import fs from 'node:fs/promises';
import path from 'node:path';
import { ToolMissingError, missingToolMessage, type ToolRunner } from './ffmpeg-tools.js';

/**
 * Turns a recording's capture (`capture.webm`, the chunks the window sent,
 * possibly cut short by a crash) into `recording.mp4`: H.264 video (copied
 * when the window recorded H.264, else encoded), AAC audio, the index at the
 * front (`+faststart`) so it plays while it downloads. The MP4 is written
 * under another name and renamed when whole, so `recording.mp4` is never
 * half a file; the capture is deleted once the MP4 has been read back.
 */

export const CAPTURE_FILE = 'capture.webm';
export const RECORDING_FILE = 'recording.mp4';
const PARTIAL_FILE = 'recording.partial.mp4';

export interface FfmpegPaths {
  readonly ffmpeg: string;
  readonly ffprobe: string;
}

export interface FinalizedRecording {
  readonly file: string;
  readonly durationMs: number;
  readonly bytes: number;
  readonly videoCodec: string;
  readonly audioCodec: string | null;
}

/** Why the MP4 could not be made, in words a host can act on. */
export class FinalizeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FinalizeError';
  }
}

interface Probe {
  readonly videoCodec: string | null;
  readonly audioCodec: string | null;
  readonly durationMs: number | null;
}

async function probe(runner: ToolRunner, ffprobe: string, file: string): Promise<Probe | null> {
  const result = await runner.run(ffprobe, ['-v', 'error', '-show_entries', 'format=duration:stream=codec_type,codec_name', '-of', 'json', file], {
    timeoutMs: 120_000,
  });
  if (result.code !== 0) return null;
  try {
    const parsed = JSON.parse(result.stdout) as { streams?: { codec_type?: string; codec_name?: string }[]; format?: { duration?: string } };
    const streams = parsed.streams ?? [];
    const duration = Number(parsed.format?.duration);
    return {
      videoCodec: streams.find((s) => s.codec_type === 'video')?.codec_name ?? null,
      audioCodec: streams.find((s) => s.codec_type === 'audio')?.codec_name ?? null,
      durationMs: Number.isFinite(duration) && duration > 0 ? Math.round(duration * 1000) : null,
    };
  } catch {
    return null;
  }
}

const exists = (file: string) => fs.stat(file).then((s) => s.isFile(), () => false);

/** The last line of ffmpeg's error output that says something. */
function lastWords(stderr: string): string {
  const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return (lines.at(-1) ?? 'no details').slice(0, 300);
}

async function syncFile(file: string): Promise<void> {
  const handle = await fs.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function readBack(runner: ToolRunner, tools: FfmpegPaths, file: string): Promise<FinalizedRecording | null> {
  const made = await probe(runner, tools.ffprobe, file);
  if (!made?.videoCodec || made.durationMs === null) return null;
  const { size } = await fs.stat(file);
  return { file, durationMs: made.durationMs, bytes: size, videoCodec: made.videoCodec, audioCodec: made.audioCodec };
}

export async function finalizeCapture(runner: ToolRunner, tools: FfmpegPaths, folder: string): Promise<FinalizedRecording> {
  const capture = path.join(folder, CAPTURE_FILE);
  const mp4 = path.join(folder, RECORDING_FILE);
  const partial = path.join(folder, PARTIAL_FILE);
  try {
    // Finished before (the studio stopped between the MP4 and the database): read it back.
    if ((await exists(mp4)) && !(await exists(capture))) {
      const done = await readBack(runner, tools, mp4);
      if (done) return done;
      throw new FinalizeError('The recording’s MP4 cannot be read, and its capture is gone.');
    }
    const size = await fs.stat(capture).then((s) => s.size, () => 0);
    if (size === 0) throw new FinalizeError('Nothing was captured: the recording stopped before its first second reached the studio.');
    const source = await probe(runner, tools.ffprobe, capture);
    if (!source?.videoCodec) {
      throw new FinalizeError('The capture holds no picture that can be read (it stopped within its first second, or the file is damaged).');
    }
    const video = source.videoCodec === 'h264' ? ['-c:v', 'copy'] : ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '22', '-pix_fmt', 'yuv420p'];
    const result = await runner.run(tools.ffmpeg, [
      '-hide_banner', '-nostdin', '-y', '-v', 'error',
      '-fflags', '+genpts+discardcorrupt',
      '-i', capture,
      '-map', '0:v:0', '-map', '0:a:0?',
      ...video,
      '-c:a', 'aac', '-b:a', '160k',
      '-movflags', '+faststart',
      '-f', 'mp4', partial,
    ]);
    // A capture cut short by a crash can end ffmpeg with an error after a whole file: the read-back decides.
    const made = (await exists(partial)) ? await readBack(runner, tools, partial) : null;
    if (!made) {
      await fs.rm(partial, { force: true });
      if (/No space left on device/i.test(result.stderr)) {
        throw new FinalizeError('The disk is full, so the MP4 could not be written. Free some space, then press Try again.');
      }
      throw new FinalizeError(`ffmpeg could not turn the capture into an MP4: ${lastWords(result.stderr)}`);
    }
    await syncFile(partial);
    await fs.rename(partial, mp4);
    await fs.rm(capture, { force: true });
    return { ...made, file: mp4 };
  } catch (error) {
    if (error instanceof ToolMissingError) {
      throw new FinalizeError(`The capture is kept, but it could not be turned into an MP4: ${missingToolMessage(error)} Then press Try again.`);
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC') {
      throw new FinalizeError('The disk is full, so the MP4 could not be written. Free some space, then press Try again.');
    }
    throw error;
  }
}
