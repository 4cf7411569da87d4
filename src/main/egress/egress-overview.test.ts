import { describe, expect, it } from 'vitest';
import type { Destination } from '../../shared/domain/destinations.js';
import type { EgressDestinationStatus } from '../../shared/sfu/protocol-egress.js';
import { buildOverview, destinationIdOf, safeReason, sfuIdOf, type OverviewInput } from './egress-overview.js';

const destination = (id: number, name: string, enabled = true): Destination => ({
  id,
  name,
  platform: 'custom',
  serverUrl: `rtmp://ingest-${id}.example.com/live`,
  orientation: 'horizontal',
  enabled,
  hasKey: true,
});

const reported = (id: number, patch: Partial<EgressDestinationStatus>): EgressDestinationStatus => ({
  id: sfuIdOf(id),
  name: `sfu name ${id}`,
  orientation: 'horizontal',
  state: 'live',
  reason: null,
  bitrateKbps: 2500,
  fps: 30,
  droppedFrames: 3,
  liveSince: 1_000_000,
  reconnects: 1,
  retryAt: null,
  ...patch,
});

const input = (patch: Partial<OverviewInput>): OverviewInput => ({
  destinations: [],
  wanted: new Set(),
  sfu: new Map(),
  local: new Map(),
  encoder: null,
  verticalEncoder: null,
  showRunning: true,
  offsetMs: 0,
  keys: [],
  now: 2_000_000,
  ...patch,
});

describe('the egress overview every window shows', () => {
  it('maps ids both ways, refusing any id that is not one of ours', () => {
    expect(destinationIdOf(sfuIdOf(42))).toBe(42);
    for (const id of ['42', 'd0', 'd-1', 'dx', 'd42x', 'x42']) expect(destinationIdOf(id), id).toBeNull();
  });

  it('cuts a stream key or a server address out of any reason, whatever ffmpeg or the SFU put in it', () => {
    const key = 'live_123456_SECRETkey';
    expect(safeReason(`Connection to rtmp://live.twitch.tv/app/${key} failed: Input/output error`, [key])).toBe(
      'Connection to the server failed: Input/output error',
    );
    expect(safeReason(`Server refused stream ${key}`, [key, 'abc'])).toBe('Server refused stream •••');
    expect(safeReason('RTMPS://EXAMPLE.COM/x refused', [])).toBe('the server refused');
    expect(safeReason(null, [key])).toBeNull();
  });

  it('puts the SFU’s figures on main’s clock and names each destination as Settings does', () => {
    const overview = buildOverview(
      input({
        destinations: [destination(1, 'YouTube'), destination(2, 'Twitch'), destination(3, 'Facebook', false)],
        wanted: new Set([1, 2]),
        sfu: new Map([
          [1, reported(1, {})],
          [2, reported(2, { state: 'reconnecting', reason: 'Connection refused', bitrateKbps: null, fps: null, liveSince: null, retryAt: 1_005_000 })],
        ]),
        offsetMs: 250,
      }),
    );
    expect(overview.destinations).toEqual([
      { id: 1, name: 'YouTube', platform: 'custom', orientation: 'horizontal', enabled: true, state: 'live', reason: null, bitrateKbps: 2500, fps: 30, droppedFrames: 3, liveSince: 1_000_250, reconnects: 1, retryAt: null },
      {
        id: 2,
        name: 'Twitch',
        platform: 'custom',
        orientation: 'horizontal',
        enabled: true,
        state: 'reconnecting',
        reason: 'Connection refused',
        bitrateKbps: null,
        fps: null,
        droppedFrames: 3,
        liveSince: null,
        reconnects: 1,
        retryAt: 1_005_250,
      },
      { id: 3, name: 'Facebook', platform: 'custom', orientation: 'horizontal', enabled: false, state: 'off', reason: null, bitrateKbps: null, fps: null, droppedFrames: 0, liveSince: null, reconnects: 0, retryAt: null },
    ]);
    expect(JSON.stringify(overview)).not.toContain('rtmp://');
  });

  it('shows main’s own word (a request on its way, a refusal) over the SFU’s, and "waiting" for one asked for and not reported yet', () => {
    const overview = buildOverview(
      input({
        destinations: [destination(1, 'A'), destination(2, 'B'), destination(3, 'C')],
        wanted: new Set([2, 3]),
        sfu: new Map([[1, reported(1, {})]]),
        local: new Map([
          [1, { state: 'stopped', reason: null, pending: true }],
          [2, { state: 'failed', reason: 'Multistream is not available on rtmp://x/y', pending: false }],
        ]),
      }),
    );
    expect(overview.destinations.map((d) => [d.state, d.reason, d.bitrateKbps])).toEqual([
      ['stopped', null, null],
      ['failed', 'Multistream is not available on the server', null],
      ['waiting', null, null],
    ]);
  });
});
