import { useState, type ReactNode } from 'react';
import type { Recording } from '../../shared/domain/recording.js';
import type { ReplayInfo } from '../../shared/domain/replay.js';
import { useAbilities } from '../api/role-context.js';
import { useStudioNow } from '../api/studio-clock.js';
import { useStudio } from '../api/studio-context.js';
import { useStudioValue } from '../api/studio-value.js';
import { EmptyState } from '../ui/EmptyState.js';
import { formatDateTime } from '../ui/format.js';
import { Modal } from '../ui/Modal.js';
import { useReplays } from '../replay/use-replays.js';
import { useRecording } from './recording-context.js';
import { RecordingReplayButton, RecordingReplayNote } from './RecordingReplay.js';
import { chapterLabel, formatOffset, formatSize, lengthMs, statusText, stoppedByText } from './recording-view.js';
import './recording.css';

/**
 * Recordings (top bar → Recordings, `#recordings`): every recording on this
 * computer, newest first — show, date, length, size, status, its chapters
 * (each product pinned, at the time it came on), and Open folder, Publish
 * replay… (a ready one), Try again, Delete. A full window like the show
 * report: after a show, this is where the host looks for the file to upload
 * or publish.
 */
export function RecordingsView({ onClose }: { onClose: () => void }) {
  const { value: recordings, error, set } = useStudioValue({ event: 'recordingsChanged', read: (api) => api.listRecordings() });
  // The running recording's size and chapters come with every chunk (recordingChanged), not with the list.
  const running = useRecording()?.state?.current ?? null;
  const anyRecording = recordings?.some((r) => r.status === 'recording') ?? false;
  const now = useStudioNow(anyRecording);
  const { role } = useAbilities();
  const table = (replays: readonly ReplayInfo[] | null) => (
    <table className="data-table recordings-table" aria-label="Recordings">
      <thead>
        <tr>
          <th scope="col">Show</th>
          <th scope="col">Date</th>
          <th scope="col" className="cell-num">
            Length
          </th>
          <th scope="col" className="cell-num">
            Size
          </th>
          <th scope="col">Status</th>
          <th scope="col">Chapters</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {recordings?.map((recording) => (
          <RecordingRow
            key={recording.id}
            recording={running?.id === recording.id ? running : recording}
            replay={replays?.find((r) => r.recordingId === recording.id)}
            now={now}
            onList={set}
          />
        ))}
      </tbody>
    </table>
  );
  return (
    <section className="recordings-view" aria-labelledby="recordings-title" data-panel="recordings">
      <header className="recordings-header">
        <div>
          <h1 id="recordings-title">Recordings</h1>
          <p className="help">The program as viewers saw it, with its sound, saved as MP4 on this computer.</p>
        </div>
        <button type="button" className="button" onClick={onClose}>
          Back to studio
        </button>
      </header>
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      {recordings === null ? (
        <EmptyState title={error ? 'No recordings to show' : 'Loading recordings…'}>{''}</EmptyState>
      ) : recordings.length === 0 ? (
        <EmptyState title="No recordings yet">Press Record in the Stream panel: live or not, the program is recorded on this computer.</EmptyState>
      ) : role === 'host' ? (
        <WithReplays>{table}</WithReplays>
      ) : (
        table(null)
      )}
    </section>
  );
}

/** The replays (publishing them is the host's): read only in a host's window. */
function WithReplays({ children }: { children: (replays: readonly ReplayInfo[] | null) => ReactNode }) {
  const replays = useReplays().value?.replays ?? null;
  return <>{children(replays)}</>;
}

function RecordingRow({ recording, replay, now, onList }: { recording: Recording; replay: ReplayInfo | undefined; now: number; onList: (list: Recording[]) => void }) {
  const studio = useStudio();
  const { role } = useAbilities();
  const host = role === 'host';
  const [folderShown, setFolderShown] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const busy = recording.status === 'recording' || recording.status === 'finalizing';
  const how = stoppedByText(recording.stoppedBy);

  const openFolder = async () => {
    const result = await studio.showRecordingFolder({ recordingId: recording.id });
    if (!result.ok) return setProblem(result.error.message);
    // A browser (maybe on another computer) cannot open folders here: it says where the file is.
    setFolderShown(result.value.opened ? null : result.value.folder);
  };
  const retry = async () => {
    const result = await studio.retryRecording({ recordingId: recording.id });
    setProblem(result.ok ? null : result.error.message);
  };
  const remove = async () => {
    setAsking(false);
    const result = await studio.deleteRecording({ recordingId: recording.id });
    if (result.ok) onList(result.value);
    else setProblem(result.error.message);
  };

  return (
    <tr data-testid="recording-row" data-status={recording.status} data-recording-id={recording.id}>
      <th scope="row">
        {recording.showName}
        <span className={`recording-kind${recording.live ? ' is-live' : ''}`}>{recording.live ? 'Live' : 'Rehearsal'}</span>
      </th>
      <td className="recording-date">{formatDateTime(recording.startedAt)}</td>
      <td className="cell-num" data-testid="recording-length">
        {formatOffset(lengthMs(recording, now))}
      </td>
      <td className="cell-num">{formatSize(recording.bytes)}</td>
      <td>
        <span className={`recording-state recording-state-${recording.status}`} data-testid="recording-state">
          {statusText(recording)}
        </span>
        {recording.status === 'failed' && recording.error && <p className="recording-row-note recording-row-error">{recording.error}</p>}
        {how && <p className="recording-row-note">{how}</p>}
      </td>
      <td>
        {recording.chapters.length === 0 ? (
          <span className="recording-row-note">No product pinned</span>
        ) : (
          <ol className="recording-chapters" aria-label="Chapters">
            {recording.chapters.map((chapter, index) => (
              <li key={`${index}-${chapter.atMs}`} data-testid="recording-chapter">
                {chapterLabel(chapter)}
              </li>
            ))}
          </ol>
        )}
      </td>
      <td className="recording-actions">
        {host && (
          <div className="recording-action-buttons">
            <button type="button" className="button button-small" onClick={() => void openFolder()}>
              Open folder
            </button>
            {recording.status === 'ready' && replay && <RecordingReplayButton recordingId={recording.id} showName={recording.showName} replay={replay} />}
            {recording.status === 'failed' && (
              <button type="button" className="button button-small" onClick={() => void retry()}>
                Try again
              </button>
            )}
            <button type="button" className="button button-small" disabled={busy} onClick={() => setAsking(true)} title={busy ? 'Wait until it is saved' : undefined}>
              Delete…
            </button>
          </div>
        )}
        <RecordingReplayNote replay={replay} />
        {folderShown && (
          <p className="recording-row-note" data-testid="recording-folder">
            In this folder on the studio’s computer: <code className="cell-mono">{folderShown}</code>
          </p>
        )}
        {problem && (
          <p className="recording-row-note recording-row-error" role="alert">
            {problem}
          </p>
        )}
        {asking && (
          <Modal
            title="Delete this recording?"
            onClose={() => setAsking(false)}
            footer={
              <>
                <button type="button" className="button" onClick={() => setAsking(false)}>
                  Keep it
                </button>
                <button type="button" className="button button-danger" onClick={() => void remove()}>
                  Delete
                </button>
              </>
            }
          >
            <p>
              “{recording.showName}” of {formatDateTime(recording.startedAt)} ({formatSize(recording.bytes)}) is deleted from this computer, its folder
              included. This cannot be undone.
            </p>
          </Modal>
        )}
      </td>
    </tr>
  );
}
