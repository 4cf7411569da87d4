/**
 * A catalog file built to exhaust the studio: the real `studio web` process
 * (what `npm run web` runs) gets a 1,000,000-column file from the producer
 * console, previews it, and refuses it in words a host understands, while it
 * keeps answering: a request sent after the preview started is answered
 * before the preview's refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startStudioWebProcess, type StudioWebProcess } from '../../../tests/harness/studio-web-process.js';

let studio: StudioWebProcess;
beforeAll(async () => {
  studio = await startStudioWebProcess();
}, 90_000);
afterAll(async () => {
  await studio?.stop();
});

describe('studio web and a million-column catalog file', () => {
  it('refuses it naming the columns, answering other requests meanwhile, and keeps running', async () => {
    const header = Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(',');
    const uploaded = await fetch(`${studio.origin}/api/upload?name=wide.csv`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${studio.token}` },
      body: `${header}\n1,2,3\n`,
    });
    const { value } = (await uploaded.json()) as { value: { uploadId: string } };

    // The producer console's protocol: the token first, then requests; answers by id.
    const ws = new WebSocket(`${studio.origin.replace('http', 'ws')}/api`);
    const answers = new Map<number, (result: unknown) => void>();
    const signedIn = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as { type: string; id?: number; result?: unknown };
        if (frame.type === 'auth-ok') resolve();
        if (frame.type === 'response' && frame.id !== undefined) answers.get(frame.id)?.(frame.result);
      }),
    );
    await new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject));
    ws.send(JSON.stringify({ type: 'auth', token: studio.token }));
    await signedIn;
    let nextId = 1;
    const request = (channel: string, input?: unknown) =>
      new Promise<unknown>((resolve) => {
        const id = nextId++;
        answers.set(id, resolve);
        ws.send(JSON.stringify({ type: 'request', id, channel, input }));
      });
    const order: string[] = [];
    const preview = request('studio:catalog:preview-import', { source: { kind: 'upload', uploadId: value.uploadId }, format: 'auto' }).then((result) => {
      order.push('preview');
      return result;
    });
    const settings = request('studio:settings:get').then((result) => {
      order.push('settings');
      return result;
    });
    expect(await settings).toMatchObject({ ok: true });
    expect(await preview).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'Line 1: 1,000,000 columns — a product file has at most 1,000 columns. Is this the right file?' },
    });
    expect(order).toEqual(['settings', 'preview']);
    expect((await fetch(`${studio.origin}/healthz`)).status).toBe(200);
    expect(studio.exitCode()).toBeNull();
    ws.close();
  }, 120_000);
});
