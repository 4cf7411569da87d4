import { useStudioNow } from '../api/studio-clock.js';
import { useAirState } from '../live/live-context.js';
import { formatDuration } from '../ui/format.js';
import { airSummary } from './air-summary.js';

/**
 * The show as main sees it, for a window that does not publish it: a
 * producer's console (live from the host's page, since when, how many
 * watch; paused; ended), or the host's second page while the first one is live.
 */
export function ShowOnAir({ canGoLive }: { canGoLive: boolean }) {
  const air = useAirState();
  const summary = air ? airSummary(air, canGoLive) : null;
  const now = useStudioNow(summary?.timed === true);
  if (!air || !summary) return null;
  const since = summary.timed && air.since !== null ? air.since : null;
  return (
    <section className={`show-on-air show-on-air-${air.phase}`} aria-label="The show" data-testid="show-on-air" data-phase={air.phase}>
      <p className="show-on-air-headline">
        <span data-testid="show-on-air-headline">{summary.headline}</span>
        {since !== null && (
          <span className="show-on-air-time" title={`Since ${new Date(since).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`}>
            {formatDuration(Math.max(0, now - since) / 1000)}
          </span>
        )}
      </p>
      <p className="show-on-air-detail" data-testid="show-on-air-detail">
        {summary.detail}
      </p>
    </section>
  );
}
