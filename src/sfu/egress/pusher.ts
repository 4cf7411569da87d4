import { commandLine, maskKey, pusherArgs } from './ffmpeg-args.js';
import { FfmpegProcess, spawnFailure } from './ffmpeg-process.js';
import { ProgressParser, RateWindow, type ProgressReport } from './ffmpeg-progress.js';
import { judgePusherEnd, type PusherVerdict } from './rtmp-errors.js';
import type { SfuLog } from '../sfu-log.js';

/**
 * How far a pusher may fall behind the encoder (bytes waiting in its stdin)
 * before it is dropped and started again: about 10 s of a 3 Mbps stream.
 * Its slowness then costs it a restart, never the others a stall.
 */
export const PUSHER_MAX_BACKLOG_BYTES = 4 * 1024 * 1024;

export interface PusherEvents {
  /** The first frames reached the server (its progress counts them). */
  onLive(): void;
  /** The process ended on its own (not by `stop`). */
  onEnd(verdict: PusherVerdict): void;
  /** Fresh figures (every progress report). */
  onProgress(): void;
}

export interface PusherTarget {
  readonly name: string;
  readonly url: string;
  readonly streamKey: string;
}

/**
 * One destination's ffmpeg: the encoder's MPEG-TS in on stdin, copied into
 * FLV over RTMP(S). Writes never wait: a pusher that cannot keep up is
 * dropped (`isBehind`) by its owner instead of holding the encoder back.
 */
export class Pusher {
  private readonly process: FfmpegProcess;
  private readonly rates = new RateWindow();
  private last: ProgressReport | null = null;
  private stopping = false;
  private live = false;
  /** Video frames handed to this process. */
  private framesIn = 0;

  constructor(
    ffmpegPath: string,
    target: PusherTarget,
    private readonly events: PusherEvents,
    log: SfuLog,
    private readonly maxBacklogBytes = PUSHER_MAX_BACKLOG_BYTES,
  ) {
    const args = pusherArgs(target.url, target.streamKey);
    log.info(`multistream "${target.name}": ${commandLine(ffmpegPath, args, target.streamKey)}`);
    this.process = new FfmpegProcess(ffmpegPath, args, 0);
    const parser = new ProgressParser((report) => this.progress(report));
    this.process.child.stdout?.on('data', (chunk: Buffer) => parser.push(chunk));
    void this.process.exited.then((exit) => {
      if (this.stopping) return;
      const notStarted = spawnFailure(ffmpegPath, exit);
      if (notStarted) {
        this.events.onEnd({ outcome: 'failed', reason: notStarted });
        return;
      }
      const messages = maskKey(this.process.messages, target.streamKey);
      const verdict = judgePusherEnd(target.url, messages, this.live);
      const lastLine = messages.trim().split('\n').slice(-3).join(' | ');
      log.warn(`multistream "${target.name}": ffmpeg ended (${exit.code ?? exit.signal}): ${lastLine}`);
      this.events.onEnd(verdict);
    });
  }

  get pid(): number | null {
    return this.process.pid;
  }

  get isLive(): boolean {
    return this.live;
  }

  /** More than its backlog limit waits in its stdin. */
  get isBehind(): boolean {
    return (this.process.child.stdin?.writableLength ?? 0) > this.maxBacklogBytes;
  }

  /** Hands it TS bytes holding `videoFrames` frame starts; never waits. */
  write(data: Buffer, videoFrames: number): void {
    const stdin = this.process.child.stdin;
    if (this.stopping || !stdin || stdin.destroyed || !stdin.writable) return;
    this.framesIn += videoFrames;
    stdin.write(data);
  }

  /** Video frames it has sent (its last progress report). */
  get framesOut(): number {
    return this.last?.frame ?? 0;
  }

  /** Frames handed to it that it did not send (in its pipe or buffers when it ended), plus those ffmpeg dropped. */
  get framesLost(): number {
    // A connection that never went live dropped nothing: the server never took the stream.
    if (!this.live) return 0;
    const out = this.last?.frame ?? 0;
    return Math.max(0, this.framesIn - out) + (this.last?.dropFrames ?? 0);
  }

  figures(): { kbps: number; fps: number } | null {
    return this.rates.rates();
  }

  /** Figures start again from now (back from a pause: the pause is not part of them). */
  resetFigures(): void {
    this.rates.reset();
  }

  /** Frames went out within the last `ms` (false while the encoder is restarting). */
  movedWithin(ms: number): boolean {
    return this.rates.movedWithin(ms);
  }

  /** Ends it without reporting an end (the owner chose it). Resolves when the process is gone. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.process.child.stdin?.destroy();
    await this.process.stop();
  }

  private progress(report: ProgressReport): void {
    this.last = report;
    this.rates.add(report);
    if (!this.live && report.frame > 0 && report.totalSize > 0) {
      this.live = true;
      this.events.onLive();
    }
    this.events.onProgress();
  }
}
