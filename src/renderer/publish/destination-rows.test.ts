import { describe, expect, it } from 'vitest';
import type { DestinationStatus } from '../../shared/domain/destinations.js';
import { destinationRow, formatBitrate } from './destination-rows.js';

const NOW = 10_000_000;
const status = (patch: Partial<DestinationStatus>): DestinationStatus => ({
  id: 1,
  name: 'YouTube',
  platform: 'youtube',
  orientation: 'horizontal',
  enabled: true,
  state: 'off',
  reason: null,
  bitrateKbps: null,
  fps: null,
  droppedFrames: 0,
  liveSince: null,
  reconnects: 0,
  retryAt: null,
  ...patch,
});

describe('a destination’s row in the Stream panel', () => {
  it('live: its uptime on main’s clock, its figures, and Stop', () => {
    const row = destinationRow(status({ state: 'live', liveSince: NOW - 125_000, bitrateKbps: 2480, fps: 29.97, droppedFrames: 12, reconnects: 1 }), NOW, true);
    expect(row).toMatchObject({ label: 'Live 2:05', tone: 'ok', detail: null, actions: ['stop'] });
    expect(row.figures.map((f) => f.value)).toEqual(['2.5 Mbps', '30 fps', '12', '1']);
  });

  it('reconnecting: counts down to the next try, says why, and offers Reconnect now beside Stop', () => {
    const row = destinationRow(status({ state: 'reconnecting', reason: 'Connection refused', retryAt: NOW + 3_200, reconnects: 2 }), NOW, true);
    expect(row).toMatchObject({ label: 'Reconnecting in 4 s', tone: 'warn', detail: 'Connection refused', actions: ['reconnect', 'stop'] });
    expect(destinationRow(status({ state: 'reconnecting', retryAt: NOW - 10 }), NOW, true).label).toBe('Reconnecting…');
  });

  it('failed: the server’s reason, Reconnect now and Stop', () => {
    expect(destinationRow(status({ state: 'failed', reason: 'The server refused the stream key.' }), NOW, true)).toMatchObject({
      label: 'Failed',
      tone: 'bad',
      detail: 'The server refused the stream key.',
      actions: ['reconnect', 'stop'],
    });
  });

  it('off or stopped: Start while the show runs, nothing to press before or after it', () => {
    expect(destinationRow(status({ state: 'stopped' }), NOW, true).actions).toEqual(['start']);
    expect(destinationRow(status({ state: 'stopped' }), NOW, false).actions).toEqual([]);
    expect(destinationRow(status({ state: 'off', enabled: false }), NOW, true)).toMatchObject({ label: 'Off', detail: 'Not ticked for this show.', actions: ['start'] });
    expect(destinationRow(status({ state: 'off' }), NOW, false)).toMatchObject({ detail: 'Starts when you go live.', actions: [] });
    expect(destinationRow(status({ state: 'waiting' }), NOW, true)).toMatchObject({ label: 'Starting…', actions: ['stop'] });
    // A vertical destination while the studio sends no vertical output: the SFU's reason says what to do.
    const off = 'Vertical output is off in the studio — turn it on in Settings; this destination starts when it is on.';
    expect(destinationRow(status({ state: 'waiting', orientation: 'vertical', reason: off }), NOW, true)).toMatchObject({ label: 'Starting…', detail: off });
  });

  it('writes a bitrate as a host reads it', () => {
    expect([formatBitrate(null), formatBitrate(640), formatBitrate(4500)]).toEqual(['—', '640 kbps', '4.5 Mbps']);
  });
});
