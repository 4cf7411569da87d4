import type { PublishTicket } from '../../shared/domain/live.js';
import { SignalRequestError } from '../../shared/sfu/signal-requests.js';
import { openBrowserSignalSocket } from '../../shared/sfu/signal-socket.js';

/** Runs in the renderer: End show when the publisher has no session (the host pressed it while reconnecting or paused). */

/** Joins only to send the host `leave`, then closes. */
export async function joinToLeave(ticket: PublishTicket): Promise<void> {
  const socket = openBrowserSignalSocket(ticket.signalUrl, { onPush: () => undefined, onClose: () => undefined });
  try {
    await socket.opened.catch(() => {
      throw new SignalRequestError('disconnected', 'The signaling socket did not open.');
    });
    await socket.requests.request({ type: 'join', show: ticket.room, role: 'host', hostToken: ticket.hostToken });
    await socket.requests.request({ type: 'leave' });
  } finally {
    socket.close();
  }
}

/** Waits for a goodbye at most this long: a dead server must not hold Stop or End show. */
export function withTimeout<T>(promise: Promise<T>, ms = 1_000): Promise<T | undefined> {
  return Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms))]);
}
