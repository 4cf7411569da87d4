import fs from 'node:fs/promises';
import type { RecordingDisk } from '../../shared/domain/recording.js';

/**
 * How much can still be recorded on the disk the recordings go to, and when
 * to stop. Every second recorded needs room twice: once in the capture and
 * once more in the MP4 it becomes when it stops, so the recording stops
 * while the MP4 still fits, and a margin stays for the computer itself.
 */

const MB = 1024 * 1024;
const GB = 1024 * MB;
/** Never recorded into: the operating system and the other apps need room too. */
export const RESERVE_BYTES = 512 * MB;
/** What a second of the program takes before enough of it is measured (4 Mbit/s picture, 160 kbit/s sound, the container). */
export const DEFAULT_BYTES_PER_SECOND = 560 * 1024;
/** The recording stops when less than this is left: time to send and write the last chunks and to make the MP4. */
export const STOP_MARGIN_SECONDS = 60;
/** A recording is not started with less than this left. */
export const START_MINIMUM_SECONDS = 5 * 60;
/** A warning is shown below this much free space, or this many minutes left. */
export const WARN_BELOW_BYTES = 2 * GB;
export const WARN_BELOW_MINUTES = 30;
/** The measured rate is trusted after this much recording. */
const MEASURE_AFTER_MS = 10_000;

export interface DiskSample {
  readonly freeBytes: number;
  /** The running recording's capture so far (0 before one starts). */
  readonly capturedBytes: number;
  /** How long it has been recording (ms). */
  readonly elapsedMs: number;
}

export interface DiskVerdict extends RecordingDisk {
  /** Stop the recording now, while what was captured can still become an MP4. */
  readonly stop: boolean;
}

export function bytesPerSecond(sample: Pick<DiskSample, 'capturedBytes' | 'elapsedMs'>): number {
  if (sample.elapsedMs < MEASURE_AFTER_MS || sample.capturedBytes <= 0) return DEFAULT_BYTES_PER_SECOND;
  return Math.max(sample.capturedBytes / (sample.elapsedMs / 1000), 64 * 1024);
}

/** Seconds of recording the disk still holds (each needs its capture and its MP4). */
export function secondsLeft(sample: DiskSample): number {
  const room = sample.freeBytes - RESERVE_BYTES - sample.capturedBytes;
  return Math.max(0, room / (2 * bytesPerSecond(sample)));
}

const gb = (bytes: number) => `${(bytes / GB).toFixed(1)} GB`;

function minutesText(seconds: number): string {
  if (seconds < 60) return 'Less than a minute';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `About ${minutes} minute${minutes === 1 ? '' : 's'}`;
  return `About ${Math.floor(minutes / 60)} hours`;
}

/** What the disk means for a running recording (or, with nothing captured, one about to start). */
export function diskVerdict(sample: DiskSample): DiskVerdict {
  const seconds = secondsLeft(sample);
  const minutes = Math.floor(seconds / 60);
  const stop = seconds < STOP_MARGIN_SECONDS;
  const low = sample.freeBytes < WARN_BELOW_BYTES || minutes < WARN_BELOW_MINUTES;
  const warning = stop
    ? `The disk is almost full (${gb(sample.freeBytes)} free): the recording stops now so that it can still be saved.`
    : low
      ? `${minutesText(seconds)} of recording left on this disk (${gb(sample.freeBytes)} free). The recording stops by itself before the disk is full.`
      : null;
  return { freeBytes: sample.freeBytes, minutesLeft: low ? minutes : null, warning, stop };
}

/** Why a recording cannot start on this disk (null: it can). */
export function refuseToStart(freeBytes: number): string | null {
  if (secondsLeft({ freeBytes, capturedBytes: 0, elapsedMs: 0 }) >= START_MINIMUM_SECONDS) return null;
  return `Only ${gb(freeBytes)} is free on the disk the recordings go to: not enough to record (an hour takes about 4 GB while it is being saved). Free some space, then press Record again.`;
}

/** Free bytes for an unprivileged user on the disk holding `dir`. */
export async function freeBytesAt(dir: string): Promise<number> {
  const stats = await fs.statfs(dir);
  return stats.bavail * stats.bsize;
}
