import { useEffect, useState } from 'react';
import { formatDuration } from '../ui/format.js';
import { usePublish } from './publish-context.js';
import type { PublishPhase } from './publish-status.js';

const PILL_TEXT: Record<PublishPhase, string> = {
  offline: 'Offline',
  connecting: 'Connecting',
  live: 'Live',
  reconnecting: 'Reconnecting',
  ended: 'Show ended',
  error: 'Not live',
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

/** The top bar's show status: what viewers get right now, at a glance from across the room. */
export function LiveStatusPill() {
  const { status } = usePublish();
  const onAir = status.liveSince !== null && (status.phase === 'live' || status.phase === 'reconnecting');
  const now = useSecondTick(onAir);
  const title =
    status.phase === 'reconnecting'
      ? `${status.error ?? 'Connection lost.'} Attempt ${status.reconnectAttempt}.`
      : (status.error ?? undefined);
  return (
    <span className={`live-pill live-pill-${status.phase}`} data-testid="live-pill" data-phase={status.phase} title={title}>
      {(status.phase === 'live' || status.phase === 'connecting' || status.phase === 'reconnecting') && (
        <span className="live-pill-dot" aria-hidden="true" />
      )}
      <span className="live-pill-text">{PILL_TEXT[status.phase]}</span>
      {status.phase === 'reconnecting' && status.reconnectAttempt > 0 && (
        <span className="live-pill-extra">attempt {status.reconnectAttempt}</span>
      )}
      {onAir && <span className="live-pill-extra live-pill-timer">{formatDuration((now - status.liveSince!) / 1000)}</span>}
      {status.phase === 'live' && status.viewerCount !== null && (
        <span className="live-pill-extra" aria-label={`${status.viewerCount} watching`}>
          {status.viewerCount.toLocaleString()} watching
        </span>
      )}
    </span>
  );
}
