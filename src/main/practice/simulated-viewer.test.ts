/**
 * A simulated viewer never hangs on an SFU that accepts the connection and
 * then says nothing (a stalled tunnel, a frozen server): the join gives up in
 * time, and a stopped audience closes every socket, mid-handshake included.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../../tests/harness/test-studio.js';
import { PracticeAudience } from './practice-audience.js';
import { SimulatedViewer } from './simulated-viewer.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Accepts TCP connections and never answers the WebSocket upgrade; counts the sockets still open. */
async function stalledSfu(): Promise<{ signalUrl: string; open: () => number; accepted: () => number }> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    // Reads (and ignores) the upgrade request, so it hears the client hang up.
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as net.AddressInfo;
  return { signalUrl: `ws://127.0.0.1:${port}/signal`, open: () => sockets.size, accepted: () => accepted };
}

describe('a simulated viewer on a stalled SFU', () => {
  it('gives up after its timeout with words a host understands, and leaves no socket open', async () => {
    const sfu = await stalledSfu();
    const join = SimulatedViewer.join({ signalUrl: sfu.signalUrl, room: 'stalled', name: 'Ana', viewerKey: 'practice-viewer-stalled-1', timeoutMs: 300 });
    await expect(join).rejects.toThrow(/^The SFU did not answer within \d+ s\.$/);
    await until(() => sfu.open(), (n) => n === 0, 'the stalled socket to close');
    expect(sfu.accepted()).toBe(1);
  });

  it('a stopped audience closes every socket still in its handshake, and says nothing went wrong', async () => {
    const sfu = await stalledSfu();
    const audience = new PracticeAudience({
      activeShow: () => ({ id: 1, name: 'Rehearsal', practice: true }),
      sfu: () => ({ signalUrl: sfu.signalUrl, room: 'stalled' }),
      pinnedOptions: () => [],
      bidIncrement: () => '1',
      emit: () => undefined,
    });
    cleanups.push(() => audience.close());
    audience.start({ viewers: 3, messagesPerMinute: 60, seed: 7 });
    await until(() => sfu.open(), (n) => n === 3, 'three joins connecting');
    expect(audience.state().joining).toBe(3);

    audience.stop();
    // Long before the joins' own 10 s timeout.
    await until(() => sfu.open(), (n) => n === 0, 'every socket closed', 2000);
    await until(() => audience.state().joining, (n) => n === 0, 'no join in flight', 2000);
    expect(audience.state()).toMatchObject({ running: false, connected: 0, problem: null });
  });
});
