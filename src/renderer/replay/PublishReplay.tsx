import { useId, useState } from 'react';
import type { ReplayInfo } from '../../shared/domain/replay.js';
import { useStudioEnvironment } from '../api/environment.js';
import { useStudio } from '../api/studio-context.js';
import { CopyButton } from '../ui/CopyButton.js';
import { formatDateTime } from '../ui/format.js';
import { isPublishing, useReplays } from './use-replays.js';
import './replay.css';

/**
 * "Publish replay" for one finished recording: where the folder goes, the
 * approved chat or not, the progress, then the folder and — when the
 * built-in SFU serves it — the link to share, with Copy. The Recordings
 * list shows one per ready recording.
 */
export function PublishReplay({ recordingId }: { recordingId: number }) {
  const studio = useStudio();
  const { remote } = useStudioEnvironment();
  const replays = useReplays();
  const ids = useId();
  const [includeChat, setIncludeChat] = useState(false);
  const [folder, setFolder] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const list = replays.value;
  const replay = list?.replays.find((r) => r.recordingId === recordingId);

  if (!list) return replays.error ? <p className="replay-error" role="alert">{replays.error}</p> : null;
  if (!replay) return <p className="replay-hint">This recording is not finished, so it cannot be published yet.</p>;

  const running = isPublishing(replay) || asking;
  const publish = async () => {
    setAsking(true);
    setError(null);
    const result = await studio.publishReplay({ recordingId, includeChat, folder: folder.trim() === '' ? null : folder.trim() });
    setAsking(false);
    if (result.ok) replays.set(result.value);
    else setError(result.error.message);
  };
  const choose = async () => {
    setError(null);
    const result = await studio.pickReplayFolder();
    if (!result.ok) setError(result.error.message);
    else if (result.value.folder) setFolder(result.value.folder);
  };

  return (
    <div className="publish-replay" data-testid="publish-replay" data-recording-id={recordingId}>
      <Published replay={replay} remote={remote} />
      <div className="publish-replay-options">
        <label className="check">
          <input type="checkbox" checked={includeChat} disabled={running} onChange={(e) => setIncludeChat(e.target.checked)} />
          Include the chat (approved messages, with the viewers' names)
        </label>
        {remote ? (
          <label className="field" htmlFor={`${ids}-folder`}>
            <span>Save in (a folder on the studio computer; leave empty for the studio's replays folder)</span>
            <input id={`${ids}-folder`} type="text" value={folder} placeholder={list.defaultFolder} disabled={running} onChange={(e) => setFolder(e.target.value)} />
          </label>
        ) : (
          <p className="publish-replay-folder">
            <span>Save in </span>
            <code>{folder || list.defaultFolder}</code>{' '}
            <button type="button" className="button button-small" disabled={running} onClick={() => void choose()}>
              Choose folder…
            </button>
            {folder && (
              <button type="button" className="button button-small button-ghost" disabled={running} onClick={() => setFolder('')}>
                Use the studio's folder
              </button>
            )}
          </p>
        )}
      </div>
      <div className="publish-replay-actions">
        <button type="button" className="button button-primary" disabled={running} onClick={() => void publish()}>
          {running ? 'Publishing…' : replay.published ? 'Publish again' : 'Publish replay'}
        </button>
        <JobStatus replay={replay} />
      </div>
      {error && (
        <p className="replay-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function JobStatus({ replay }: { replay: ReplayInfo }) {
  const { job } = replay;
  if (!job) return null;
  if (job.phase === 'failed') {
    return (
      <p className="replay-error" role="alert">
        Publishing failed: {job.message}
      </p>
    );
  }
  return (
    <div className="publish-replay-progress" role="status">
      {job.phase !== 'done' && <progress max={1} value={job.progress} aria-label="Publishing the replay" />}
      <span>{job.message}</span>
    </div>
  );
}

function Published({ replay, remote }: { replay: ReplayInfo; remote: boolean }) {
  const { published } = replay;
  if (!published) return null;
  if (!published.present) {
    return <p className="replay-hint">The replay published {formatDateTime(published.publishedAt)} was moved or deleted from {published.folder}. Publish it again.</p>;
  }
  return (
    <div className="publish-replay-done">
      <p className="replay-hint">
        Published {formatDateTime(published.publishedAt)} to <code data-testid="replay-folder">{published.folder}</code>
      </p>
      {published.urls.length > 0 ? (
        <ul className="link-list" aria-label="Replay links">
          {published.urls.map((url, i) => (
            <li key={url}>
              <code className="link-text replay-link" data-testid="replay-link" title={i === 0 ? url : `${url} (other devices on your network)`}>
                {url}
              </code>
              <CopyButton text={url} label="Copy link" />
              {remote && (
                <a className="button button-small" href={url} target="_blank" rel="noopener noreferrer">
                  Open
                </a>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="replay-hint">Upload this folder to any web host or CDN to share it (the studio's own link is only for the replays folder with the built-in SFU).</p>
      )}
    </div>
  );
}
