import { ChunkSender, type SendChunk } from './chunk-sender.js';

/**
 * Records the program in the window (runs in the renderer; no React): a
 * MediaRecorder on the compositor's output track (the composed picture with
 * the pinned card, what viewers get) and the audio mixer's track (the
 * microphone after gain and mute), a chunk every second, each sent to main
 * by a ChunkSender. It does not depend on the network to the SFU: main is
 * on this computer (or on the host's LAN for a browser window).
 */

/** What the studio asks MediaRecorder for, best first: H.264 is copied into the MP4 as it is; VP9/VP8 are encoded to H.264. */
export const RECORDING_TYPES = [
  'video/webm;codecs=h264,opus',
  'video/webm;codecs=avc1,opus',
  'video/webm;codecs=vp9,opus',
  'video/webm;codecs=vp8,opus',
  'video/webm',
] as const;

/** The first type this browser records; null: it records none of them. */
export function pickRecordingType(isSupported: (type: string) => boolean): string | null {
  return RECORDING_TYPES.find((type) => isSupported(type)) ?? null;
}

/** Bits per second for the picture: what a replay needs at the program's size (docs/recording.md). */
export function videoBitrateFor(height: number): number {
  return height > 720 ? 6_000_000 : 4_000_000;
}

/** A chunk every second: a crash or power cut loses about this much, plus the one being sent. */
export const CHUNK_MS = 1000;

export interface ProgramRecorderOptions {
  readonly video: MediaStreamTrack;
  /** Null: a recording without sound (no audio mixer in this browser). */
  readonly audio: MediaStreamTrack | null;
  readonly mimeType: string;
  /** The program's height in pixels (720 or 1080). */
  readonly height: number;
  readonly send: SendChunk;
  /** Main refused a chunk (it stopped the recording, the studio restarted): the recorder has stopped. */
  readonly onRefused: (message: string) => void;
  /** The browser's recorder failed; the recorder has stopped. */
  readonly onFailed: (message: string) => void;
  readonly onWritten?: (bytes: number) => void;
}

export class ProgramRecorder {
  private readonly recorder: MediaRecorder;
  private readonly sender: ChunkSender;
  private stopping: Promise<number> | null = null;
  /** When the browser's recorder started and stopped (this computer's clock, ms); null until then. */
  private times: { startedAt: number | null; stoppedAt: number | null } = { startedAt: null, stoppedAt: null };
  /** Chunk reads in order: ondataavailable's Blobs are read asynchronously. */
  private reading: Promise<void> = Promise.resolve();

  constructor(private readonly options: ProgramRecorderOptions) {
    this.sender = new ChunkSender({
      send: options.send,
      ...(options.onWritten ? { onWritten: options.onWritten } : {}),
      onRefused: (message) => {
        this.halt();
        options.onRefused(message);
      },
    });
    const stream = new MediaStream(options.audio ? [options.video, options.audio] : [options.video]);
    this.recorder = new MediaRecorder(stream, {
      mimeType: options.mimeType,
      videoBitsPerSecond: videoBitrateFor(options.height),
      audioBitsPerSecond: 160_000,
      // A keyframe every 2 s: the MP4 (its picture copied as it is) seeks quickly in the replay.
      ...({ videoKeyFrameIntervalDuration: 2000 } as object),
    });
    this.recorder.ondataavailable = (event) => {
      if (event.data.size === 0) return;
      const blob = event.data;
      // A chunk that cannot be read is lost (ffmpeg reads past the hole), never the ones after it.
      this.reading = this.reading.then(async () => this.sender.push(new Uint8Array(await blob.arrayBuffer()))).catch(() => undefined);
    };
    this.recorder.addEventListener('start', () => (this.times.startedAt = Date.now()));
    this.recorder.addEventListener('stop', () => (this.times.stoppedAt = Date.now()));
    this.recorder.onerror = () => {
      this.halt();
      options.onFailed('The browser stopped recording the program. What was recorded until now is being saved.');
    };
  }

  /** What MediaRecorder really records ("video/x-matroska;codecs=avc1,opus" for H.264 in Chromium). */
  get mimeType(): string {
    return this.recorder.mimeType || this.options.mimeType;
  }

  get lastSeq(): number {
    return this.sender.lastSeq;
  }

  /** When the browser's recorder ran (for the tests: the MP4 should be as long). */
  get ran(): { readonly startedAt: number | null; readonly stoppedAt: number | null } {
    return { ...this.times };
  }

  start(): void {
    this.recorder.start(CHUNK_MS);
  }

  /** Stops the recorder, sends what it still holds; resolves with the last chunk's number. */
  stop(): Promise<number> {
    this.stopping ??= (async () => {
      if (this.recorder.state !== 'inactive') {
        const stopped = new Promise((resolve) => this.recorder.addEventListener('stop', resolve, { once: true }));
        this.recorder.stop();
        await stopped;
      }
      await this.reading;
      await this.sender.drained();
      return this.sender.lastSeq;
    })();
    return this.stopping;
  }

  /** The window goes away: stop at once, send nothing more. */
  dispose(): void {
    this.halt();
    this.sender.dispose();
  }

  private halt(): void {
    if (this.recorder.state !== 'inactive') {
      try {
        this.recorder.stop();
      } catch {
        // already stopping
      }
    }
  }
}
