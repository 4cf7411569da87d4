import type { DestinationStatus } from '../../shared/domain/destinations.js';
import { formatDuration } from '../ui/format.js';

/**
 * One destination's row in the Stream panel, without React (tested in
 * Node): what it says, how alarming it looks, its figures while live, and
 * which buttons the host gets.
 */

export type RowTone = 'ok' | 'warn' | 'bad' | 'muted';
export type RowAction = 'start' | 'stop' | 'reconnect';

export interface DestinationRow {
  /** "Live 12:03", "Reconnecting in 4 s", "Failed". */
  readonly label: string;
  readonly tone: RowTone;
  /** Why (the server's reason), or what happens next; null when the label says it all. */
  readonly detail: string | null;
  /** While it sends: bitrate, frame rate, dropped frames, reconnects. */
  readonly figures: readonly { readonly key: string; readonly label: string; readonly value: string }[];
  readonly actions: readonly RowAction[];
}

export function formatBitrate(kbps: number | null): string {
  if (kbps === null) return '—';
  return kbps >= 1000 ? `${(kbps / 1000).toFixed(1)} Mbps` : `${Math.round(kbps)} kbps`;
}

/** `now`: main's clock (the times in `d` are on it). `showRunning`: the show is on air or paused, so a destination can start. */
export function destinationRow(d: DestinationStatus, now: number, showRunning: boolean): DestinationRow {
  const figures = [
    { key: 'bitrate', label: 'Bitrate', value: formatBitrate(d.bitrateKbps) },
    { key: 'fps', label: 'Frame rate', value: d.fps === null ? '—' : `${Math.round(d.fps)} fps` },
    { key: 'dropped', label: 'Dropped', value: d.droppedFrames.toLocaleString() },
    { key: 'reconnects', label: 'Reconnects', value: d.reconnects.toLocaleString() },
  ];
  const startable: readonly RowAction[] = showRunning ? ['start'] : [];
  switch (d.state) {
    case 'off':
      return {
        label: 'Off',
        tone: 'muted',
        detail: !showRunning ? (d.enabled ? 'Starts when you go live.' : 'Not ticked to go live with the show.') : d.enabled ? 'Not started.' : 'Not ticked for this show.',
        figures: [],
        actions: startable,
      };
    case 'waiting':
      // The SFU's reason when it has one: a vertical destination says how to turn vertical output on.
      return { label: 'Starting…', tone: 'warn', detail: d.reason ?? 'Waiting for the show’s picture.', figures: [], actions: ['stop'] };
    case 'connecting':
      return { label: 'Connecting…', tone: 'warn', detail: null, figures: [], actions: ['stop'] };
    case 'live': {
      const uptime = d.liveSince === null ? '' : ` ${formatDuration(Math.max(0, now - d.liveSince) / 1000)}`;
      return { label: `Live${uptime}`, tone: 'ok', detail: null, figures, actions: ['stop'] };
    }
    case 'reconnecting': {
      const seconds = d.retryAt === null ? null : Math.ceil((d.retryAt - now) / 1000);
      return {
        label: seconds !== null && seconds > 0 ? `Reconnecting in ${seconds} s` : 'Reconnecting…',
        tone: 'warn',
        detail: d.reason,
        figures: figures.filter((f) => f.key === 'dropped' || f.key === 'reconnects'),
        actions: ['reconnect', 'stop'],
      };
    }
    case 'failed':
      return { label: 'Failed', tone: 'bad', detail: d.reason ?? 'The server refused the stream.', figures: [], actions: ['reconnect', 'stop'] };
    case 'stopped':
      return { label: 'Stopped', tone: 'muted', detail: null, figures: [], actions: startable };
  }
}
