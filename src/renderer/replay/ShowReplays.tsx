import { formatDateTime, formatDuration } from '../ui/format.js';
import { PublishReplay } from './PublishReplay.js';
import { useReplays } from './use-replays.js';
import './replay.css';

/** The report's "Replay" section: each finished recording of this show, with Publish replay. */
export function ShowReplays({ showId }: { showId: number | null }) {
  const replays = useReplays();
  const mine = replays.value?.replays.filter((r) => r.showId === showId) ?? [];
  return (
    <section className="show-replays" aria-labelledby="show-replays-title">
      <h2 id="show-replays-title">Replay</h2>
      {replays.value && mine.length === 0 && (
        <p className="replay-hint">No finished recording of this show yet. Record the show, and publish its replay here once the recording is ready.</p>
      )}
      <ol className="show-replays-list">
        {mine.map((r) => (
          <li key={r.recordingId} className="show-replays-item" aria-label={`Recording of ${formatDateTime(r.recordedAt)}`}>
            <h3 className="show-replays-when">
              Recorded {formatDateTime(r.recordedAt)}
              {r.durationMs !== null && <span className="show-replays-length"> · {formatDuration(r.durationMs / 1000)}</span>}
            </h3>
            <PublishReplay recordingId={r.recordingId} />
          </li>
        ))}
      </ol>
    </section>
  );
}
