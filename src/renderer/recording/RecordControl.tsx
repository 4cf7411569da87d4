import { useStudioNow } from '../api/studio-clock.js';
import { formatOffset, formatSize, stoppedByText } from './recording-view.js';
import { useRecording, useRecordingCommands } from './recording-context.js';
import './recording.css';

/**
 * Record / Stop recording, beside Go live in the Stream panel (the host's
 * window): records the program — what viewers see, card and sound included —
 * on this computer, live or not (a rehearsal). While it runs: the red dot,
 * the time and the size; the disk warning; how the last one ended.
 */
export function RecordButton() {
  const view = useRecording();
  const commands = useRecordingCommands();
  if (!view || !commands) return null;
  const current = view.state?.current ?? null;
  if (current) {
    const stopping = view.pending === 'stopping' || view.state?.stopRequested != null;
    return (
      <button
        type="button"
        className="button record-button is-recording"
        disabled={stopping}
        onClick={() => void commands.stop()}
        title={view.recordingHere ? 'Stop recording and save the MP4' : 'Stop the recording (another window records it)'}
      >
        <span className="record-dot" aria-hidden="true" />
        {stopping ? 'Stopping…' : 'Stop recording'}
      </button>
    );
  }
  const ffmpegMissing = view.state !== null && !view.state.ffmpeg.ok && view.state.ffmpeg.message !== null;
  return (
    <button
      type="button"
      className="button record-button"
      disabled={view.pending !== null || view.state === null}
      onClick={() => void commands.start()}
      title={ffmpegMissing ? 'Recording needs ffmpeg: see below' : 'Record the program on this computer (live or not)'}
    >
      <span className="record-dot" aria-hidden="true" />
      {view.pending === 'starting' ? 'Starting…' : 'Record'}
    </button>
  );
}

/** Under the show controls: the running recording, the disk, ffmpeg, and how the last recording went. */
export function RecordingStatus() {
  const view = useRecording();
  const commands = useRecordingCommands();
  const current = view?.state?.current ?? null;
  const now = useStudioNow(current !== null);
  if (!view || !commands || !view.state) return null;
  const { state, notice } = view;
  const last = state.last;
  return (
    <div className="recording-status" data-testid="recording-status">
      {current && (
        <p className="recording-live" role="status" data-testid="recording-live">
          <RecordingBadge startedAt={current.startedAt} bytes={current.bytes} now={now} />
          <span className="recording-where">
            {view.recordingHere ? (current.live ? 'Recording the show' : 'Recording a rehearsal') : 'Recorded by another window'}
          </span>
        </p>
      )}
      {current && state.stopRequested !== null && (
        <p className="recording-note" role="status">
          Saving the recording…
        </p>
      )}
      {state.disk?.warning && (
        <p className="banner banner-warn recording-banner" role="alert" data-testid="recording-disk">
          {state.disk.warning}
        </p>
      )}
      {!current && !state.ffmpeg.ok && state.ffmpeg.message && (
        <p className="banner banner-warn recording-banner" role="alert" data-testid="recording-ffmpeg">
          Recording needs ffmpeg, which makes the MP4. {state.ffmpeg.message}
        </p>
      )}
      {notice && (
        <p className={`banner banner-${notice.kind === 'error' ? 'error' : 'warn'} recording-banner`} role="alert" data-testid="recording-notice">
          {notice.text}{' '}
          <button type="button" className="link-button" onClick={commands.dismissNotice}>
            OK
          </button>
        </p>
      )}
      {!current && last && <LastRecording />}
    </div>
  );
}

/** "● REC 12:34 · 1.2 GB": for the top bar and the Stream panel. */
export function RecordingBadge({ startedAt, bytes, now }: { startedAt: number; bytes: number; now: number }) {
  return (
    <span className="recording-badge" data-testid="recording-badge" aria-label={`Recording, ${formatOffset(now - startedAt)}, ${formatSize(bytes)}`}>
      <span className="record-dot is-on" aria-hidden="true" />
      <span className="recording-badge-rec">REC</span>
      <span className="recording-badge-time">{formatOffset(now - startedAt)}</span>
      <span className="recording-badge-size">{formatSize(bytes)}</span>
    </span>
  );
}

/** The last recording: being saved, saved, or why it could not be. */
function LastRecording() {
  const last = useRecording()?.state?.last;
  if (!last) return null;
  const how = stoppedByText(last.stoppedBy);
  const link = (
    <a className="link-button" href="#recordings">
      Recordings
    </a>
  );
  switch (last.status) {
    case 'finalizing':
      return (
        <p className="recording-note" role="status" data-testid="recording-last">
          Saving “{last.showName}” as an MP4…
        </p>
      );
    case 'ready':
      return (
        <p className="recording-note" data-testid="recording-last">
          Saved “{last.showName}” ({formatOffset(last.durationMs ?? 0)}). {how ? `${how}. ` : ''}
          {link}
        </p>
      );
    case 'failed':
      return (
        <p className="banner banner-error recording-banner" role="alert" data-testid="recording-last">
          “{last.showName}” could not be saved: {last.error} {link}
        </p>
      );
    default:
      return null;
  }
}
