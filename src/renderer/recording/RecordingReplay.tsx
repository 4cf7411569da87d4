import { useState } from 'react';
import type { ReplayInfo } from '../../shared/domain/replay.js';
import { PublishReplay } from '../replay/PublishReplay.js';
import { isPublishing } from '../replay/use-replays.js';
import { formatDateTime } from '../ui/format.js';
import { Modal } from '../ui/Modal.js';

/**
 * A ready recording's replay in the Recordings list (host only): "Publish
 * replay…" opens PublishReplay (the chat or not, the folder, progress, the
 * link); once published, the row says when, with the link the built-in SFU
 * serves it at.
 */
export function RecordingReplayButton({ recordingId, showName, replay }: { recordingId: number; showName: string; replay: ReplayInfo | undefined }) {
  const [open, setOpen] = useState(false);
  const label = isPublishing(replay) ? 'Publishing replay…' : replay?.published ? 'Replay…' : 'Publish replay…';
  return (
    <>
      <button type="button" className="button button-small" onClick={() => setOpen(true)}>
        {label}
      </button>
      {open && (
        <Modal title={`Publish the replay of “${showName}”`} onClose={() => setOpen(false)}>
          <p className="replay-hint">
            A page with this video, each product's card while it was pinned, chapters and Buy buttons, in a folder you can share or upload.
          </p>
          <PublishReplay recordingId={recordingId} />
        </Modal>
      )}
    </>
  );
}

/** "Replay published 28 Nov, 19:05" and its link, under the row's buttons. */
export function RecordingReplayNote({ replay }: { replay: ReplayInfo | undefined }) {
  const published = replay?.published;
  if (!published) return null;
  return (
    <p className="recording-row-note" data-testid="recording-replay">
      {published.present ? `Replay published ${formatDateTime(published.publishedAt)}` : 'The published replay was moved or deleted'}
      {published.present && published.urls[0] && (
        <>
          {': '}
          <code className="cell-mono recording-replay-link">{published.urls[0]}</code>
        </>
      )}
    </p>
  );
}
