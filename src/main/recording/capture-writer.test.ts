import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RECORDING_FIXTURES } from '../../../tests/harness/media-probe.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { CaptureWriter, MAX_HELD } from './capture-writer.js';

/** The real capture's chunks, as Chromium's MediaRecorder delivered them. */
function realChunks(): Buffer[] {
  const whole = fs.readFileSync(path.join(RECORDING_FIXTURES, 'capture-h264.webm'));
  const sizes = JSON.parse(fs.readFileSync(path.join(RECORDING_FIXTURES, 'capture-h264.chunks.json'), 'utf8')) as number[];
  let offset = 0;
  return sizes.map((size) => whole.subarray(offset, (offset += size)));
}

const writers: CaptureWriter[] = [];
async function open(file: string, nextSeq = 0) {
  const writer = await CaptureWriter.open(file, { nextSeq });
  writers.push(writer);
  return writer;
}
afterEach(async () => {
  vi.restoreAllMocks();
  while (writers.length) await writers.pop()!.close();
});

describe('CaptureWriter', () => {
  it('writes chunks in sequence order whatever order they arrive in, and each one only once', async () => {
    const chunks = realChunks();
    const file = path.join(tempDir(), 'capture.webm');
    const writer = await open(file);
    // 1 before 0, 0 twice (a retry after a lost answer), 3 before 2, 1 again once written.
    expect(await writer.append(1, chunks[1]!)).toEqual({ outcome: 'held', bytes: 0 });
    expect(await writer.append(0, chunks[0]!)).toEqual({ outcome: 'written', bytes: chunks[0]!.length + chunks[1]!.length });
    expect((await writer.append(0, chunks[0]!)).outcome).toBe('duplicate');
    expect((await writer.append(3, chunks[3]!)).outcome).toBe('held');
    expect((await writer.append(1, chunks[1]!)).outcome).toBe('duplicate');
    expect((await writer.append(3, chunks[3]!)).outcome).toBe('duplicate');
    expect((await writer.append(2, chunks[2]!)).outcome).toBe('written');
    expect(writer.expected).toBe(4);
    expect(fs.readFileSync(file).equals(fs.readFileSync(path.join(RECORDING_FIXTURES, 'capture-h264.webm')))).toBe(true);
  });

  it('answers a chunk only after it is flushed to the disk', async () => {
    const file = path.join(tempDir(), 'capture.webm');
    const writer = await open(file);
    // Watch the real file handle's calls (they still run): the answer must come after a datasync that followed the write.
    const probe = await fsp.open(path.join(tempDir(), 'probe'), 'w');
    const handleProto = Object.getPrototypeOf(probe) as { write: (...a: unknown[]) => unknown; datasync: () => Promise<void> };
    await probe.close();
    const calls: string[] = [];
    const write = handleProto.write;
    const datasync = handleProto.datasync;
    vi.spyOn(handleProto, 'write').mockImplementation(function (this: unknown, ...args: unknown[]) {
      calls.push('write');
      return write.apply(this, args);
    });
    vi.spyOn(handleProto, 'datasync').mockImplementation(function (this: unknown) {
      calls.push('datasync');
      return datasync.apply(this);
    });
    await writer.append(0, Buffer.from('first'));
    calls.push('answered');
    await writer.append(2, Buffer.from('third'));
    calls.push('answered (held)');
    await writer.append(1, Buffer.from('second'));
    calls.push('answered');
    expect(calls).toEqual(['write', 'datasync', 'answered', 'answered (held)', 'write', 'write', 'datasync', 'answered']);
    expect(fs.readFileSync(file, 'utf8')).toBe('firstsecondthird');
  });

  it('writes a chunk again, whole, when its first write failed (a full disk), instead of calling the resend a duplicate', async () => {
    const file = path.join(tempDir(), 'capture.webm');
    const writer = await open(file);
    await writer.append(0, Buffer.from('first'));
    const probe = await fsp.open(path.join(tempDir(), 'probe'), 'w');
    const handleProto = Object.getPrototypeOf(probe) as { write: (...a: unknown[]) => Promise<unknown> };
    await probe.close();
    const write = handleProto.write;
    // The disk fills part way through the second chunk: some bytes land, then ENOSPC.
    const full = vi.spyOn(handleProto, 'write').mockImplementationOnce(async function (this: unknown, ..._args: unknown[]) {
      await write.apply(this, [Buffer.from('sec')]);
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    await expect(writer.append(1, Buffer.from('second'))).rejects.toThrow(/ENOSPC/);
    expect(fs.readFileSync(file, 'utf8')).toBe('first');
    full.mockRestore();
    // The window sends it again once there is room: written, not "duplicate".
    expect(await writer.append(1, Buffer.from('second'))).toEqual({ outcome: 'written', bytes: 'firstsecond'.length });
    expect(await writer.append(2, Buffer.from('third'))).toEqual({ outcome: 'written', bytes: 'firstsecondthird'.length });
    expect(fs.readFileSync(file, 'utf8')).toBe('firstsecondthird');
  });

  it('goes on past a chunk that never comes once too many wait, and writes what waits when closed', async () => {
    const file = path.join(tempDir(), 'capture.webm');
    const log: string[] = [];
    const writer = await CaptureWriter.open(file, { log: (m) => log.push(m) });
    await writer.append(0, Buffer.from('a'));
    // Chunk 1 is lost for good; 2… wait, then the writer gives up on 1.
    for (let seq = 2; seq <= MAX_HELD + 2; seq++) await writer.append(seq, Buffer.from('b'));
    expect(writer.expected).toBe(MAX_HELD + 3);
    expect(log).toEqual(['chunks 1-1 never arrived; the capture goes on without them']);
    expect(fs.readFileSync(file, 'utf8')).toBe('a' + 'b'.repeat(MAX_HELD + 1));
    // A gap at the end: what waits is written at close.
    await writer.append(MAX_HELD + 4, Buffer.from('c'));
    await writer.close();
    expect(fs.readFileSync(file, 'utf8')).toBe('a' + 'b'.repeat(MAX_HELD + 1) + 'c');
    expect(log[1]).toBe(`chunks ${MAX_HELD + 3}-${MAX_HELD + 3} never arrived; the capture goes on without them`);
  });

  it('tells when every chunk up to one is on the disk, or that it waited in vain', async () => {
    const writer = await open(path.join(tempDir(), 'capture.webm'));
    const waiting = writer.waitFor(1, 5000);
    await writer.append(0, Buffer.from('x'));
    await writer.append(1, Buffer.from('y'));
    expect(await waiting).toBe(true);
    expect(await writer.waitFor(5, 50)).toBe(false);
  });

  it('appends to a capture already on the disk, counting its bytes', async () => {
    const file = path.join(tempDir(), 'capture.webm');
    fs.writeFileSync(file, 'before');
    const writer = await open(file, 3);
    expect(writer.bytes).toBe(6);
    expect((await writer.append(2, Buffer.from('old'))).outcome).toBe('duplicate');
    expect(await writer.append(3, Buffer.from('-after'))).toEqual({ outcome: 'written', bytes: 12 });
    expect(fs.readFileSync(file, 'utf8')).toBe('before-after');
  });
});
