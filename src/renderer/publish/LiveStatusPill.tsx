import { useEffect, useState } from 'react';
import { useStudioClockOffset } from '../api/studio-clock.js';
import { useSfuStatus } from '../live/live-context.js';
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
  const status = usePublishStatus();
  const { elsewhere } = usePublisher();
  if (elsewhere !== null && !isOnAir(status.phase)) return <ShowElsewherePill where={elsewhere} />;
  return <OwnShowPill />;
}

/**
 * Another window publishes: the show's real state as main's link to the SFU
 * sees it (live means the SFU has the media), and where it comes from.
 */
function ShowElsewherePill({ where }: { where: string }) {
  const sfu = useSfuStatus();
  const clockOffsetMs = useStudioClockOffset();
  const { publisher } = usePublisher();
  const live = sfu?.live === true;
  const since = publisher?.current?.since ?? null;
  const now = useSecondTick(live);
  const phase: PublishPhase = live ? 'live' : 'connecting';
  return (
    <span className={`live-pill live-pill-${phase}`} data-testid="live-pill" data-phase={phase} data-publisher="elsewhere" title={`Live from ${where}`}>
      <span className="live-pill-dot" aria-hidden="true" />
      <span className="live-pill-text">{live ? 'Live' : 'Connecting'}</span>
      <span className="live-pill-extra" data-testid="live-pill-where">
        from {where}
      </span>
      {live && since !== null && <span className="live-pill-extra live-pill-timer">{formatDuration(Math.max(0, now + clockOffsetMs - since) / 1000)}</span>}
      {live && (
        <span className="live-pill-extra" aria-label={`${sfu.viewerCount} watching`}>
          {sfu.viewerCount.toLocaleString()} watching
        </span>
      )}
    </span>
  );
}

function OwnShowPill() {
  const status = usePublishStatus();
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
