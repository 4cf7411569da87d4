import { describe, expect, it } from 'vitest';
import { SignalRequestError, SignalRequests } from './signal-requests.js';

function harness() {
  const sent: Array<Record<string, unknown>> = [];
  const timers: Array<() => void> = [];
  const requests = new SignalRequests({
    send: (text) => sent.push(JSON.parse(text) as Record<string, unknown>),
    schedule: (callback) => {
      timers.push(callback);
      return () => timers.splice(timers.indexOf(callback), 1);
    },
  });
  return { requests, sent, fireTimers: () => [...timers].forEach((t) => t()) };
}

describe('SignalRequests', () => {
  it('numbers requests and settles each with its own reply or error', async () => {
    const { requests, sent } = harness();
    const caps = requests.request({ type: 'routerRtpCapabilities' });
    const pin = requests.request({ type: 'clearPin' });
    expect(sent).toEqual([
      { type: 'routerRtpCapabilities', requestId: 1 },
      { type: 'clearPin', requestId: 2 },
    ]);
    expect(requests.receive(JSON.stringify({ type: 'error', requestId: 2, code: 'forbidden', message: 'Only the host' }))).toBeUndefined();
    requests.receive(JSON.stringify({ type: 'reply', requestId: 1, data: { rtpCapabilities: { codecs: [] } } }));
    expect(await caps).toEqual({ rtpCapabilities: { codecs: [] } });
    await expect(pin).rejects.toMatchObject({ code: 'forbidden', message: 'Only the host' });
  });

  it('hands pushes back to the caller and ignores garbage', () => {
    const { requests } = harness();
    expect(requests.receive(JSON.stringify({ type: 'viewerCount', count: 3 }))).toEqual({ type: 'viewerCount', count: 3 });
    expect(requests.receive('not json')).toBeUndefined();
    expect(requests.receive(JSON.stringify({ type: 'reply', requestId: 99, data: {} }))).toBeUndefined();
  });

  it('rejects on timeout and when the connection closes', async () => {
    const { requests, fireTimers } = harness();
    const slow = requests.request({ type: 'leave' });
    fireTimers();
    await expect(slow).rejects.toMatchObject({ code: 'timeout' });
    const cut = requests.request({ type: 'leave' });
    requests.failAll();
    const error = await cut.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignalRequestError);
    expect((error as SignalRequestError).code).toBe('disconnected');
  });

  it('rejects at once when the frame cannot be sent', async () => {
    const requests = new SignalRequests({
      send: () => {
        throw new Error('closed');
      },
      schedule: () => () => undefined,
    });
    await expect(requests.request({ type: 'leave' })).rejects.toMatchObject({ code: 'disconnected' });
  });
});
