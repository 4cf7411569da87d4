import { useEffect, useState } from 'react';
import type { AirPhase, AirState } from '../../shared/domain/live.js';
import { useStudioClockOffset } from '../api/studio-clock.js';
import { useAirState } from '../live/live-context.js';
import { formatDuration } from '../ui/format.js';
import { usePublisher, usePublishStatus } from './publish-context.js';
import { isOnAir, type PublishPhase } from './publish-status.js';

const PILL_TEXT: Record<PublishPhase, string> = {
  offline: 'Offline',
  connecting: 'Connecting',
  live: 'Live',
  reconnecting: 'Reconnecting',
  ended: 'Show ended',
  error: 'Not live',
};

const AIR_TEXT: Record<AirPhase, string> = {
  offline: 'Offline',
  connecting: 'Connecting',
  live: 'Live',
  reconnecting: 'Reconnecting',
  paused: 'Paused',
  ended: 'Show ended',
};

/** Ticks once a second while `active`, for the on-air timer. */
function useSecondTick(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/**
 * The top bar's show status: what viewers get right now, at a glance from
 * across the room. The window that publishes shows its own publisher's
 * detail (reconnect attempts, why it failed); every other window — a
 * producer's console, a second studio page — and this one between shows
 * show main's air state, so they all agree: live (from where, for how long,
 * how many watch), paused, ended.
 */
export function LiveStatusPill() {
  const status = usePublishStatus();
  const air = useAirState();
  const { pending } = usePublisher();
  const ownDetail = isOnAir(status.phase) || status.phase === 'error' || pending !== null || air === null;
  // Right after this window's Stop or End show, its own word is newer than main's (which follows in a moment).
  if (ownDetail || (status.phase === 'ended' && air.phase !== 'ended')) return <OwnShowPill />;
  if (status.phase === 'offline' && status.showOpen && air.phase !== 'paused' && air.phase !== 'ended') return <OwnShowPill paused />;
  return <ShowPill air={air} />;
}

/** The show as main sees it; "from …" when another window publishes it. */
function ShowPill({ air }: { air: AirState }) {
  const clockOffsetMs = useStudioClockOffset();
  const { elsewhere } = usePublisher();
  const timed = air.since !== null && (air.phase === 'live' || air.phase === 'reconnecting' || air.phase === 'paused');
  const now = useSecondTick(timed);
  const where = elsewhere !== null && (air.phase === 'live' || air.phase === 'connecting' || air.phase === 'reconnecting') ? elsewhere : null;
  return (
    <span
      className={`live-pill live-pill-${air.phase}`}
      data-testid="live-pill"
      data-phase={air.phase}
      data-publisher={where !== null ? 'elsewhere' : undefined}
      title={where !== null ? `Live from ${where}` : air.phase === 'paused' ? 'Viewers see “the host will be right back”' : undefined}
    >
      {air.phase !== 'offline' && air.phase !== 'ended' && <span className="live-pill-dot" aria-hidden="true" />}
      <span className="live-pill-text">{AIR_TEXT[air.phase]}</span>
      {where !== null && (
        <span className="live-pill-extra" data-testid="live-pill-where">
          from {where}
        </span>
      )}
      {timed && (
        <span className="live-pill-extra live-pill-timer" data-testid="live-pill-timer">
          {formatDuration(Math.max(0, now + clockOffsetMs - air.since!) / 1000)}
        </span>
      )}
      {air.phase === 'live' && (
        <span className="live-pill-extra" data-testid="live-pill-viewers" aria-label={`${air.viewers} watching`}>
          {air.viewers.toLocaleString()} watching
        </span>
      )}
    </span>
  );
}

function OwnShowPill({ paused = false }: { paused?: boolean }) {
  const status = usePublishStatus();
  const onAir = status.liveSince !== null && (status.phase === 'live' || status.phase === 'reconnecting');
  const now = useSecondTick(onAir);
  const title =
    status.phase === 'reconnecting'
      ? `${status.error ?? 'Connection lost.'} Attempt ${status.reconnectAttempt}.`
      : (status.error ?? undefined);
  const phase = paused ? 'paused' : status.phase;
  return (
    <span className={`live-pill live-pill-${phase}`} data-testid="live-pill" data-phase={phase} title={title}>
      {(status.phase === 'live' || status.phase === 'connecting' || status.phase === 'reconnecting') && (
        <span className="live-pill-dot" aria-hidden="true" />
      )}
      <span className="live-pill-text">{paused ? AIR_TEXT.paused : PILL_TEXT[status.phase]}</span>
      {status.phase === 'reconnecting' && status.reconnectAttempt > 0 && (
        <span className="live-pill-extra">attempt {status.reconnectAttempt}</span>
      )}
      {onAir && <span className="live-pill-extra live-pill-timer">{formatDuration((now - status.liveSince!) / 1000)}</span>}
      {status.phase === 'live' && status.viewerCount !== null && (
        <span className="live-pill-extra" data-testid="live-pill-viewers" aria-label={`${status.viewerCount} watching`}>
          {status.viewerCount.toLocaleString()} watching
        </span>
      )}
    </span>
  );
}
