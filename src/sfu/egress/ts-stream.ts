import { TS_PMT_PID, TS_VIDEO_PID } from './ffmpeg-args.js';

const PACKET = 188;
const SYNC = 0x47;

/** What one run of whole TS packets held. */
export interface TsChunk {
  readonly data: Buffer;
  /** Video frames that start in it (one PES per frame in ffmpeg's muxer). */
  readonly videoFrames: number;
  /** Offset of the PAT written just before a keyframe (ffmpeg repeats the tables there), or -1. */
  readonly keyframeAt: number;
}

/**
 * Reads the encoder's MPEG-TS as it comes (pipe chunks are cut anywhere):
 * hands on whole 188-byte packets only, counts video frames, and keeps the
 * stream since the last keyframe (with the tables before it), so a pusher
 * that starts now is given a clean start (PAT, PMT, a keyframe) at once
 * instead of waiting up to one keyframe interval and throwing away what it
 * got before.
 */
export class TsStream {
  private rest: Buffer = Buffer.alloc(0);
  private gop: Buffer[] = [];
  private gopBytes = 0;
  private sawKeyframe = false;
  /** The latest PAT and PMT packets: put before a keyframe whose own tables fell into an earlier chunk. */
  private tables: { pat: Buffer | null; pmt: Buffer | null } = { pat: null, pmt: null };

  constructor(private readonly maxGopBytes = 16 * 1024 * 1024) {}

  /** Feeds raw bytes; returns the whole packets among them (null when none is complete yet). */
  push(bytes: Buffer): TsChunk | null {
    let data = this.rest.length > 0 ? Buffer.concat([this.rest, bytes]) : bytes;
    // Lost sync (never from ffmpeg, but be safe): skip to the next sync byte.
    if (data.length > 0 && data[0] !== SYNC) {
      const at = data.indexOf(SYNC);
      data = at < 0 ? Buffer.alloc(0) : data.subarray(at);
    }
    const whole = data.length - (data.length % PACKET);
    this.rest = Buffer.from(data.subarray(whole));
    if (whole === 0) return null;
    const packets = data.subarray(0, whole);
    const chunk = scan(packets);
    this.keep(chunk);
    return chunk;
  }

  /** The stream from the last keyframe (with its tables) to now, or nothing before the first keyframe. */
  fromLastKeyframe(): Buffer[] {
    return this.sawKeyframe ? [...this.gop] : [];
  }

  /** A new encoder run: nothing of the old one is a valid start any more. */
  reset(): void {
    this.rest = Buffer.alloc(0);
    this.gop = [];
    this.gopBytes = 0;
    this.sawKeyframe = false;
    this.tables = { pat: null, pmt: null };
  }

  private keep(chunk: Scanned): void {
    if (chunk.tables.pat) this.tables.pat = chunk.tables.pat;
    if (chunk.tables.pmt) this.tables.pmt = chunk.tables.pmt;
    if (chunk.keyframeAt >= 0) {
      const start = chunk.data.subarray(chunk.keyframeAt);
      const pid = ((start[1]! & 0x1f) << 8) | start[2]!;
      const tables = pid === 0 ? [] : [this.tables.pat, this.tables.pmt].filter((t): t is Buffer => t !== null);
      this.gop = [...tables, start];
      this.gopBytes = chunk.data.length - chunk.keyframeAt;
      this.sawKeyframe = true;
      return;
    }
    if (!this.sawKeyframe) return;
    this.gop.push(chunk.data);
    this.gopBytes += chunk.data.length;
    // A keyframe comes every 2 s; if none does, this is no clean start any more.
    if (this.gopBytes > this.maxGopBytes) this.reset();
  }
}

interface Scanned extends TsChunk {
  readonly tables: { pat: Buffer | null; pmt: Buffer | null };
}

function scan(packets: Buffer): Scanned {
  let videoFrames = 0;
  let keyframeAt = -1;
  let lastPat = -1;
  const tables: Scanned['tables'] = { pat: null, pmt: null };
  for (let at = 0; at + PACKET <= packets.length; at += PACKET) {
    if (packets[at] !== SYNC) continue;
    const b1 = packets[at + 1]!;
    const pid = ((b1 & 0x1f) << 8) | packets[at + 2]!;
    const payloadStart = (b1 & 0x40) !== 0;
    if (pid === 0 && payloadStart) {
      lastPat = at;
      tables.pat = Buffer.from(packets.subarray(at, at + PACKET));
    }
    if (pid === TS_PMT_PID && payloadStart) tables.pmt = Buffer.from(packets.subarray(at, at + PACKET));
    if (pid !== TS_VIDEO_PID || !payloadStart) continue;
    videoFrames++;
    const adaptation = (packets[at + 3]! >> 4) & 0x2;
    const randomAccess = adaptation !== 0 && packets[at + 4]! > 0 && (packets[at + 5]! & 0x40) !== 0;
    // The tables come right before a keyframe; if they fell in an earlier chunk, start at the keyframe itself.
    if (randomAccess) keyframeAt = lastPat >= 0 ? lastPat : at;
  }
  return { data: packets, videoFrames, keyframeAt, tables };
}

/** Counts the video frames that start in some TS bytes (what a dropped pusher did not send). */
export function countVideoFrames(chunks: readonly Buffer[]): number {
  let frames = 0;
  for (const chunk of chunks) frames += scan(chunk.subarray(0, chunk.length - (chunk.length % PACKET))).videoFrames;
  return frames;
}
