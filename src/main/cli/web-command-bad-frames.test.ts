/**
 * One bad frame must never end a show. The real `studio web` process gets,
 * before any token or join, the two frames `ws` refuses with an 'error'
 * event: a text frame that is not UTF-8, and a frame over the size cap. It
 * must keep running: a producer still signs in and calls the API, and a
 * viewer still joins the built-in SFU.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startStudioWebProcess, type StudioWebProcess } from '../../../tests/harness/studio-web-process.js';

/** The control server's cap (control-server.ts) and the SFU signaling cap (signaling-server.ts). */
const CONTROL_MAX_FRAME = 4 * 1024 * 1024;
const SIGNAL_MAX_FRAME = 64 * 1024;
const NOT_UTF8 = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0xfd, 0x22, 0x7d]);

let studio: StudioWebProcess;
// A fresh process per test: each frame must be survivable on its own.
beforeEach(async () => {
  studio = await startStudioWebProcess();
}, 90_000);
afterEach(async () => {
  await studio?.stop();
});

/** Opens a socket, sends one frame, and resolves with the close code the server chose. */
async function sendAndWaitForClose(url: string, frame: Buffer, binary: boolean): Promise<number> {
  const ws = new WebSocket(url);
  // The server ends the connection; a reset while our frame is still going out is fine.
  ws.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject));
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  ws.send(frame, { binary });
  return closed;
}

/** A well-behaved client: its frames in order, and the first answer matching `match`. */
async function converse(url: string, frames: readonly unknown[], match: (frame: Record<string, unknown>) => boolean) {
  const ws = new WebSocket(url);
  try {
    await new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject));
    const answer = new Promise<Record<string, unknown>>((resolve, reject) => {
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as Record<string, unknown>;
        if (match(frame)) resolve(frame);
      });
      ws.once('close', (code) => reject(new Error(`closed with ${code} before the answer`)));
    });
    for (const frame of frames) ws.send(JSON.stringify(frame));
    return await answer;
  } finally {
    ws.close();
  }
}

const stillRunning = async () => {
  const health = await fetch(`${studio.origin}/healthz`).catch((error: unknown) => error as Error);
  if (health instanceof Error) {
    const timeout = new Promise((resolve) => setTimeout(resolve, 5000));
    await Promise.race([studio.exited, timeout]);
    throw new Error(`The studio stopped answering (exit code ${studio.exitCode()}). It printed:\n${studio.output()}`);
  }
  expect(health.status).toBe(200);
  // Heard by the socket's own 'error' listener, not only by the last-resort handler.
  expect(studio.output()).not.toContain('unexpected error');
};

const badFrames = [
  { name: 'a text frame that is not UTF-8', frame: () => NOT_UTF8, closeCode: 1007 },
  { name: 'a frame over the size cap', frame: (cap: number) => Buffer.alloc(cap + 1, 0x20), closeCode: 1009 },
] as const;

async function producerStillWorks(): Promise<void> {
  const answer = await converse(
    `${studio.origin.replace('http', 'ws')}/api`,
    [
      { type: 'auth', token: studio.token },
      { type: 'request', id: 1, channel: 'studio:settings:update', input: { hostName: 'Still live' } },
    ],
    (f) => f.type === 'response',
  );
  expect(answer).toMatchObject({ id: 1, result: { ok: true, value: { hostName: 'Still live' } } });
}

async function viewerStillJoins(): Promise<void> {
  const show = new URL(studio.watchUrl).pathname.split('/').pop()!;
  const joined = await converse(studio.signalUrl, [{ type: 'join', requestId: 1, show, role: 'viewer' }], (f) => f.requestId === 1);
  expect(joined).toMatchObject({ type: 'reply', data: { role: 'viewer', room: { show } } });
}

describe.each(badFrames)('studio web keeps running after $name', ({ frame, closeCode }) => {
  it('sent to the control server before the token', async () => {
    const api = `${studio.origin.replace('http', 'ws')}/api`;
    expect(await sendAndWaitForClose(api, frame(CONTROL_MAX_FRAME), false)).toBe(closeCode);
    await stillRunning();
    await producerStillWorks();
    await viewerStillJoins();
  });

  it('sent to the SFU signaling socket before joining', async () => {
    expect(await sendAndWaitForClose(studio.signalUrl, frame(SIGNAL_MAX_FRAME), false)).toBe(closeCode);
    await stillRunning();
    await viewerStillJoins();
    await producerStillWorks();
  });
});
