/**
 * A raw control-server protocol client (a harness: no vitest): records every frame the
 * studio sends; `origin` is what a browser page would send.
 */
import WebSocket from 'ws';
import type { ControlServerMessage } from '../../src/shared/api/control-protocol.js';

export type RawControlClient = Awaited<ReturnType<typeof connect>>;

export async function connect(port: number, options: { address?: string; origin?: string } = {}) {
  const ws = new WebSocket(`ws://${options.address ?? '127.0.0.1'}:${port}/api`, options.origin ? { origin: options.origin } : {});
  const frames: ControlServerMessage[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    frames.push(JSON.parse(data.toString()) as ControlServerMessage);
    waiters.splice(0).forEach((w) => w());
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const next = async (predicate: (f: ControlServerMessage) => boolean) => {
    for (;;) {
      const found = frames.find(predicate);
      if (found) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  const send = (message: unknown) => ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  let nextId = 1;
  /** Sends a request and resolves with its result. */
  const request = async (channel: string, input?: unknown) => {
    const id = nextId++;
    send({ type: 'request', id, channel, input });
    const response = await next((f) => f.type === 'response' && f.id === id);
    if (response.type !== 'response') throw new Error('unreachable');
    return response.result;
  };
  return { ws, frames, closed, next, send, request };
}
