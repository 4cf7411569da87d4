import { useId, useState, type ReactNode } from 'react';
import { Modal } from '../ui/Modal.js';
import { usePublishCommands, usePublisher, usePublishStatus, type PendingAction } from './publish-context.js';
import { isOnAir } from './publish-status.js';

/**
 * Go live / Stop / End show. Stop is a pause (viewers see "the host will be
 * right back", the link keeps working, Resume brings the picture back): one
 * click, as a host mid-show needs. End show is over for everyone and cannot
 * be undone, so it sits apart from Stop (a slip of the mouse lands on
 * nothing) and asks first, saying what ending does. Only one window
 * publishes: while another one does, this one offers Take over, which also
 * asks, because it stops the show over there.
 */
export function ShowControls({ ready, aside }: { ready: boolean; /** Beside Go live / Stop: Record (the panel passes it). */ aside?: ReactNode }) {
  const status = usePublishStatus();
  const { pending, elsewhere, claimError } = usePublisher();
  const { goLive, stop } = usePublishCommands();
  const onAir = isOnAir(status.phase);
  const hintId = useId();
  if (!onAir && pending === null && elsewhere !== null) return <TakeOverControls where={elsewhere} ready={ready} aside={aside} />;
  if (!onAir && pending === null) {
    return (
      <div className="show-controls">
        <div className="show-controls-main show-controls-row">
          <button type="button" className="button button-primary button-go-live" disabled={!ready} onClick={() => goLive()}>
            {status.phase === 'error' ? 'Try again' : status.showOpen ? 'Resume' : status.phase === 'ended' ? 'Go live again' : 'Go live'}
          </button>
          {aside}
        </div>
        {status.showOpen && <EndShowControl pending={pending} />}
        {claimError && (
          <p className="show-controls-error" role="alert">
            {claimError}
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="show-controls">
      <div className="show-controls-main">
        <button
          type="button"
          className="button button-pause"
          disabled={pending !== null}
          onClick={() => void stop()}
          aria-describedby={hintId}
          title="Pause: viewers see that you will be right back; Resume continues the show"
        >
          {pending === 'stopping' ? 'Stopping…' : 'Stop'}
        </button>
        <p className="show-controls-hint" id={hintId}>
          A pause: viewers see “right back”.
        </p>
        {aside}
      </div>
      <EndShowControl pending={pending} />
    </div>
  );
}

/** End show, apart from Stop, behind a confirmation that says what ending does. */
function EndShowControl({ pending }: { pending: PendingAction }) {
  const { endShow } = usePublishCommands();
  const [asking, setAsking] = useState(false);
  return (
    <div className="show-controls-end">
      <button
        type="button"
        className="button button-danger-quiet"
        disabled={pending !== null}
        onClick={() => setAsking(true)}
        aria-haspopup="dialog"
        title="End the show for every viewer (asks first)"
      >
        {pending === 'ending' ? 'Ending…' : 'End show…'}
      </button>
      {asking && (
        <EndShowDialog
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            void endShow();
          }}
        />
      )}
    </div>
  );
}

/** "End the show for everyone?" Enter ends it (the focus starts on End show), Esc keeps it on. */
export function EndShowDialog({ onCancel, onConfirm }: { onCancel: () => void; onConfirm: () => void }) {
  return (
    <Modal
      title="End the show for everyone?"
      role="alertdialog"
      className="end-show-dialog"
      onClose={onCancel}
      footer={
        <>
          <span className="end-show-keys" aria-hidden="true">
            <kbd>Enter</kbd> ends the show · <kbd>Esc</kbd> keeps it on
          </span>
          <button type="button" className="button" onClick={onCancel}>
            Keep the show on
          </button>
          <button type="button" className="button button-danger" data-autofocus onClick={onConfirm}>
            End show
          </button>
        </>
      }
    >
      <p>Ending the show:</p>
      <ul className="end-show-effects">
        <li>stops publishing: every viewer sees “The show has ended” and the watch link stops playing;</li>
        <li>takes the pinned product down and ends a running flash deal;</li>
        <li>stops claims: chat makes no new ones (the claims so far stay in Claims and the show report).</li>
      </ul>
      <p className="help">Want a break instead? Keep the show on and press Stop: viewers see “right back” until you resume.</p>
    </Modal>
  );
}

/** Another window publishes the show: say which, and offer to move the show here. */
function TakeOverControls({ where, ready, aside }: { where: string; ready: boolean; aside?: ReactNode }) {
  const { goLive } = usePublishCommands();
  const { claimError } = usePublisher();
  const [asking, setAsking] = useState(false);
  return (
    <div className="show-controls">
      <p className="show-controls-elsewhere" data-testid="live-elsewhere">
        Live from {where}
      </p>
      <button type="button" className="button button-primary" disabled={!ready} onClick={() => setAsking(true)}>
        Take over…
      </button>
      {aside}
      {claimError && (
        <p className="show-controls-error" role="alert">
          {claimError}
        </p>
      )}
      {asking && (
        <Modal
          title="Take over the show?"
          onClose={() => setAsking(false)}
          footer={
            <>
              <button type="button" className="button" onClick={() => setAsking(false)}>
                Cancel
              </button>
              <button
                type="button"
                className="button button-primary"
                onClick={() => {
                  setAsking(false);
                  goLive(true);
                }}
              >
                Take over
              </button>
            </>
          }
        >
          <p>
            The show is live from {where}. Taking over stops it there and publishes this window’s program instead. Viewers stay
            and see this window’s picture after a moment.
          </p>
        </Modal>
      )}
    </div>
  );
}
