import { describe, expect, it } from 'vitest';
import { MAX_RECORDING_CHUNK_BYTES, type ChunkReceipt } from '../../shared/domain/recording.js';
import type { Result } from '../../shared/api/result.js';
import { ChunkSender, toBase64 } from './chunk-sender.js';
import { pickRecordingType, videoBitrateFor } from './program-recorder.js';

const written = (bytes: number): Result<ChunkReceipt> => ({ ok: true, value: { outcome: 'written', bytes } });

describe('the recorder in the window', () => {
  it('asks for H.264 first, then VP9, then VP8', () => {
    expect(pickRecordingType(() => true)).toBe('video/webm;codecs=h264,opus');
    expect(pickRecordingType((t) => t.includes('vp'))).toBe('video/webm;codecs=vp9,opus');
    expect(pickRecordingType((t) => t === 'video/webm;codecs=vp8,opus')).toBe('video/webm;codecs=vp8,opus');
    expect(pickRecordingType(() => false)).toBeNull();
    expect(videoBitrateFor(720)).toBe(4_000_000);
    expect(videoBitrateFor(1080)).toBe(6_000_000);
  });

  it('sends pieces in order, cuts big ones to what main accepts, and sends a piece again after a lost answer', async () => {
    const sent: { seq: number; length: number }[] = [];
    let drop = true;
    const sender = new ChunkSender({
      maxRetryMs: 5,
      onRefused: () => {
        throw new Error('not refused');
      },
      send: async (seq, data) => {
        sent.push({ seq, length: data.length });
        // The first answer to piece 1 is lost (the link dropped): it comes again with the same number.
        if (seq === 1 && drop) {
          drop = false;
          return { ok: false, error: { code: 'unavailable', message: 'Not connected to the studio right now.' } };
        }
        return written(seq);
      },
    });
    sender.push(new Uint8Array(10));
    sender.push(new Uint8Array(MAX_RECORDING_CHUNK_BYTES + 5));
    expect(sender.lastSeq).toBe(2);
    await sender.drained();
    expect(sent.map((s) => s.seq)).toEqual([0, 1, 1, 2]);
    expect(sent[1]!.length).toBe(toBase64(new Uint8Array(MAX_RECORDING_CHUNK_BYTES)).length);
    expect(sent[3]!.length).toBe(toBase64(new Uint8Array(5)).length);
    expect(sender.pending).toBe(0);
  });

  it('stops sending once main refuses (the recording ended there), with main’s words', async () => {
    const refusals: string[] = [];
    let calls = 0;
    const sender = new ChunkSender({
      onRefused: (message) => refusals.push(message),
      send: async () => {
        calls++;
        return { ok: false, error: { code: 'conflict', message: 'The show ended, and its recording with it.' } };
      },
    });
    sender.push(new Uint8Array(3));
    sender.push(new Uint8Array(3));
    await sender.drained();
    expect(refusals).toEqual(['The show ended, and its recording with it.']);
    expect(calls).toBe(1);
  });

  it('encodes base64 that decodes to the same bytes, past the slice size', () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) % 256);
    const decoded = Uint8Array.from(atob(toBase64(bytes)), (c) => c.charCodeAt(0));
    expect(decoded).toEqual(bytes);
  });
});
