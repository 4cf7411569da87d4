/**
 * Recording the program (what viewers see, with its sound) on the host's
 * machine: the shapes main and the UI share. The rows live in the
 * `recordings` table (src/main/db/migrations/0120-recordings.ts).
 */

export const RECORDING_STATUSES = ['recording', 'finalizing', 'ready', 'failed'] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];

/**
 * Why a recording stopped: the host pressed Stop, the show ended (End show),
 * the disk was nearly full, the window recording it went away (closed,
 * reloaded, lost its link to the studio for too long), the studio was
 * closed while recording, or the studio stopped unexpectedly; the last two
 * are finished into an MP4 at the next start.
 */
export const RECORDING_STOP_REASONS = ['host', 'show-ended', 'disk-full', 'window-gone', 'studio-closed', 'crash'] as const;
export type RecordingStopReason = (typeof RECORDING_STOP_REASONS)[number];

/** One product on screen during the recording: a chapter. Offsets are ms into the file. */
export interface RecordingChapter {
  readonly productId: number | null;
  readonly title: string;
  readonly variantTitle: string | null;
  /** When the card came on, ms from the start of the file (0 when it was already up). */
  readonly atMs: number;
  /** When it went, ms into the file; null while it is still up at the end of the file. */
  readonly endMs: number | null;
}

export interface Recording {
  readonly id: number;
  readonly showId: number | null;
  readonly showName: string;
  /** The recording's folder, absolute (`<data folder>/recordings/<id>-<slug>`). */
  readonly folder: string;
  /** The finished file (`recording.mp4`), absolute; null until it is ready. */
  readonly file: string | null;
  readonly status: RecordingStatus;
  /** What the window recorded (MediaRecorder's type), e.g. "video/x-matroska;codecs=avc1,opus". */
  readonly mimeType: string;
  /** Epoch ms (main's clock): time 0 of the file. */
  readonly startedAt: number;
  readonly endedAt: number | null;
  /** The finished file's length (ffprobe); null until it is ready. */
  readonly durationMs: number | null;
  /** The capture's size while recording, the MP4's once ready. */
  readonly bytes: number;
  /** The show was on air when the recording started (false: a rehearsal). */
  readonly live: boolean;
  /** Why it failed, in words a host can act on (status 'failed'). */
  readonly error: string | null;
  readonly stoppedBy: RecordingStopReason | null;
  /** Where "Publish replay" last wrote its folder (absolute); null: never published. */
  readonly replayFolder: string | null;
  readonly publishedAt: number | null;
  /** The products pinned during the recording, in order (empty until the recording has ended). */
  readonly chapters: readonly RecordingChapter[];
}

/** Free space where recordings are written, and what it means for the running one. */
export interface RecordingDisk {
  readonly freeBytes: number;
  /** About how many minutes can still be recorded (null: plenty, or not measured yet). */
  readonly minutesLeft: number | null;
  /** A warning a host should see, e.g. "About 25 minutes of recording left on this disk."; null: none. */
  readonly warning: string | null;
}

/** Is ffmpeg (which turns the capture into an MP4) where Settings says? */
export interface FfmpegCheck {
  readonly ok: boolean;
  /** The path tried (Settings → Recording, `ffmpeg` on the PATH by default). */
  readonly path: string;
  /** "ffmpeg 5.1.9" when found. */
  readonly version: string | null;
  /** What to do when it is missing, in host words; null when found. */
  readonly message: string | null;
}

/** The running recording (at most one) as every window sees it. */
export interface RecordingState {
  /** The recording in progress (status 'recording'); null when none runs. */
  readonly current: Recording | null;
  /**
   * Main asks the window that records to stop and send what it still holds
   * (End show, the disk nearly full, Stop pressed in another window); null
   * while nobody asked.
   */
  readonly stopRequested: RecordingStopReason | null;
  /** Null until measured. */
  readonly disk: RecordingDisk | null;
  readonly ffmpeg: FfmpegCheck;
  /** The last recording that stopped, for "Saved" / "Could not be saved" beside the Record button. */
  readonly last: Recording | null;
  /** Main's clock when this was made (elapsed time without trusting the window's clock). */
  readonly now: number;
}

/** What happened to one chunk the window sent. */
export interface ChunkReceipt {
  /** 'written': on disk and flushed (with any held chunks it unblocked); 'duplicate': already had it; 'held': waiting for an earlier chunk. */
  readonly outcome: 'written' | 'duplicate' | 'held';
  /** Bytes of the capture on disk. */
  readonly bytes: number;
}

/** A chunk is at most this many bytes before base64 (both transports carry JSON; the control server's frame is 4 MiB). */
export const MAX_RECORDING_CHUNK_BYTES = 1024 * 1024;
