/**
 * ffmpeg's `-progress` output: blocks of key=value lines, each ended by
 * `progress=continue` (or `progress=end`). The figures are totals since the
 * process started; rates over the last few seconds come from their changes.
 */
export interface ProgressReport {
  /** Video frames written out so far. */
  readonly frame: number;
  /** Bytes written out so far. */
  readonly totalSize: number;
  readonly dupFrames: number;
  readonly dropFrames: number;
  /** Output time (µs) of the last packet. */
  readonly outTimeUs: number;
  readonly end: boolean;
}

/** Splits the byte stream into reports (a block may arrive in pieces). */
export class ProgressParser {
  private text = '';
  private fields = new Map<string, string>();

  constructor(private readonly onReport: (report: ProgressReport) => void) {}

  push(chunk: Buffer | string): void {
    this.text += chunk.toString();
    // A run-away line (never from ffmpeg) must not grow without end.
    if (this.text.length > 65_536) this.text = this.text.slice(-4096);
    let newline: number;
    while ((newline = this.text.indexOf('\n')) >= 0) {
      const line = this.text.slice(0, newline).trim();
      this.text = this.text.slice(newline + 1);
      const eq = line.indexOf('=');
      if (eq <= 0) continue;
      const key = line.slice(0, eq);
      const value = line.slice(eq + 1).trim();
      this.fields.set(key, value);
      if (key === 'progress') {
        this.onReport(toReport(this.fields));
        this.fields = new Map();
      }
    }
  }
}

function toReport(fields: ReadonlyMap<string, string>): ProgressReport {
  const num = (key: string): number => {
    const value = Number(fields.get(key));
    return Number.isFinite(value) ? value : 0;
  };
  return {
    frame: num('frame'),
    totalSize: num('total_size'),
    dupFrames: num('dup_frames'),
    dropFrames: num('drop_frames'),
    outTimeUs: num('out_time_us'),
    end: fields.get('progress') === 'end',
  };
}

interface Sample {
  readonly at: number;
  readonly frame: number;
  readonly bytes: number;
}

/** Bitrate and frame rate over the last `windowMs` of reports. */
export class RateWindow {
  private samples: Sample[] = [];

  constructor(
    private readonly windowMs = 4000,
    private readonly now: () => number = Date.now,
  ) {}

  add(report: Pick<ProgressReport, 'frame' | 'totalSize'>): void {
    const at = this.now();
    this.samples.push({ at, frame: report.frame, bytes: report.totalSize });
    // Keep one sample older than the window so the window is always covered.
    while (this.samples.length > 2 && this.samples[1]!.at <= at - this.windowMs) this.samples.shift();
  }

  /** kbps and fps, or null until two reports are at least half a second apart. */
  rates(): { kbps: number; fps: number } | null {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at - first.at < 500) return null;
    const seconds = (last.at - first.at) / 1000;
    return {
      kbps: Math.max(0, Math.round(((last.bytes - first.bytes) * 8) / 1000 / seconds)),
      fps: Math.max(0, Math.round(((last.frame - first.frame) / seconds) * 10) / 10),
    };
  }

  /** Frames moved since `ms` ago (false when no report covers that span yet). */
  movedWithin(ms: number): boolean {
    const last = this.samples[this.samples.length - 1];
    if (!last) return false;
    const since = this.samples.find((s) => s.at >= last.at - ms);
    return since !== undefined && last.frame > since.frame;
  }

  reset(): void {
    this.samples = [];
  }
}
