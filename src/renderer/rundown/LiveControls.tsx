import { useStudioNow } from '../api/studio-clock.js';
import { useStudio } from '../api/studio-context.js';
import { formatDuration, formatOverUnder } from '../ui/format.js';
import { useRundown } from './rundown-context.js';
import { rundownTiming } from './rundown-timing.js';
import type { RunRundownCall } from './ShowPicker.js';

/** The live cursor: what is on now, what is next, and how the show runs against its plan. */
export function LiveControls({ run }: { run: RunRundownCall }) {
  const studio = useStudio();
  const { rundown, currentItem, nextItem } = useRundown();
  const started = currentItem !== null;
  const now = useStudioNow(started);
  if (!rundown || rundown.items.length === 0) return null;
  const showId = rundown.show.id;
  const timing = rundownTiming(rundown, now);

  const start = () => {
    const first = nextItem ?? rundown.items[0];
    if (first) void run(studio.setRundownCursor({ showId, itemId: first.id }));
  };

  return (
    <section className={`live-controls${started ? ' is-live' : ''}`} aria-label="Live cursor">
      <div className="live-lines">
        <p className="live-line">
          <span className={`cursor-chip cursor-now${started ? '' : ' is-idle'}`}>Now</span>
          <span className="live-title">{currentItem ? currentItem.title : <span className="muted">Not started</span>}</span>
          {timing.currentElapsed !== null && (
            <span className={`timer${timing.currentOver ? ' timer-over' : ''}`} data-testid="current-timer">
              {formatDuration(timing.currentElapsed)}
              {timing.currentPlanned !== null && <span className="timer-plan"> / {formatDuration(timing.currentPlanned)}</span>}
            </span>
          )}
        </p>
        <p className="live-line">
          <span className="cursor-chip cursor-next">Next</span>
          <span className="live-title">{nextItem ? nextItem.title : <span className="muted">End of the rundown</span>}</span>
        </p>
        {timing.showElapsed !== null && timing.showDelta !== null && (
          <p className="live-line live-show">
            <span className="muted">Show {formatDuration(timing.showElapsed)}</span>
            <span className={`over-under ${timing.showDelta >= 1 ? 'is-over' : timing.showDelta <= -1 ? 'is-under' : ''}`} data-testid="show-over-under">
              {formatOverUnder(timing.showDelta)}
            </span>
          </p>
        )}
      </div>
      <div className="live-buttons">
        {started ? (
          <>
            <button type="button" className="button button-small" onClick={() => void run(studio.advanceRundown({ showId, direction: 'previous' }))}>
              ◀ Previous
            </button>
            <button
              type="button"
              className="button button-primary button-small"
              disabled={nextItem === null}
              onClick={() => void run(studio.advanceRundown({ showId, direction: 'next' }))}
            >
              Next ▶
            </button>
          </>
        ) : (
          <button type="button" className="button button-primary button-small" onClick={start}>
            Start show
          </button>
        )}
      </div>
    </section>
  );
}
