import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSfuServer, type SfuServer } from './sfu-server.js';
import type { SignalPush } from '../shared/sfu/protocol.js';
import { SignalSocket, type SignalSocketTransport } from '../shared/sfu/signal-socket.js';

/** The browsers' signaling socket, driven here by Node's `ws` (same event API) against a real SFU. */

let sfu: SfuServer;
beforeAll(async () => {
  sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', defaultHostToken: 'socket-test-token' });
});
afterAll(async () => {
  await sfu.close();
});

const schedule = (callback: () => void, ms: number) => {
  const timer = setTimeout(callback, ms);
  return () => clearTimeout(timer);
};

function open(url: string, onClose: (code: number) => void = () => undefined) {
  const pushes: SignalPush[] = [];
  const socket = new SignalSocket(url, {
    connect: (target) => {
      const ws = new WebSocket(target);
      // Browsers report a failed connection through onerror/onclose without throwing; `ws` throws unless heard.
      ws.on('error', () => undefined);
      return ws as unknown as SignalSocketTransport;
    },
    schedule,
    onPush: (push) => pushes.push(push),
    onClose,
  });
  return { socket, pushes };
}

const signalUrl = () => `ws://127.0.0.1:${sfu.port}/signal`;

describe('SignalSocket', () => {
  it('matches replies to requests and hands pushes to the owner', async () => {
    const host = open(signalUrl());
    await host.socket.opened;
    await host.socket.requests.request({ type: 'join', show: 'socket-show', role: 'host', hostToken: 'socket-test-token' });
    const viewer = open(signalUrl());
    await viewer.socket.opened;
    const joined = await viewer.socket.requests.request({ type: 'join', show: 'socket-show', role: 'viewer' });
    expect(joined.room).toMatchObject({ show: 'socket-show', live: false, viewerCount: 1 });

    await host.socket.requests.request({
      type: 'setPin',
      card: { productId: 'p1', title: 'Linen Wrap Dress', price: '68.00' },
    });
    await expect.poll(() => viewer.pushes.find((p) => p.type === 'pin')).toMatchObject({ card: { title: 'Linen Wrap Dress' } });
    viewer.socket.close();
    host.socket.close();
  });

  it('rejects `opened` when nothing listens, and reports a close it did not ask for', async () => {
    const refused = open('ws://127.0.0.1:1/signal');
    await expect(refused.socket.opened).rejects.toThrow();

    let closedWith: number | null = null;
    const viewer = open(signalUrl(), (code) => (closedWith = code));
    await viewer.socket.opened;
    const host = open(signalUrl());
    await host.socket.opened;
    await host.socket.requests.request({ type: 'join', show: 'closing-show', role: 'host', hostToken: 'socket-test-token' });
    await viewer.socket.requests.request({ type: 'join', show: 'closing-show', role: 'viewer' });
    host.socket.close();
    const pending = viewer.socket.requests.request({ type: 'routerRtpCapabilities' });
    await sfu.close();
    await expect(pending).rejects.toBeDefined();
    await expect.poll(() => closedWith).not.toBeNull();
    sfu = await startSfuServer({ port: 0, workers: 1, logLevel: 'silent', defaultHostToken: 'socket-test-token' });
  });

  it('does not report the close its owner asked for', async () => {
    let reported = false;
    const viewer = open(signalUrl(), () => (reported = true));
    await viewer.socket.opened;
    viewer.socket.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(reported).toBe(false);
  });
});
