import { useState } from 'react';
import { Modal } from '../ui/Modal.js';
import { usePublishCommands, usePublisher, usePublishStatus } from './publish-context.js';
import { isOnAir } from './publish-status.js';

/**
 * Go live / Stop / End show. Stop is a pause (viewers see "the host will be
 * right back" and the link keeps working); End show tells every viewer the
 * show is over. Neither asks for confirmation: a host mid-show needs one
 * click, and Stop is undone by Go live. Only one window publishes: while
 * another one does, this one offers Take over, which does ask, because it
 * stops the show over there.
 */
export function ShowControls({ ready }: { ready: boolean }) {
  const status = usePublishStatus();
  const { pending, elsewhere, claimError } = usePublisher();
  const { goLive, stop, endShow } = usePublishCommands();
  const onAir = isOnAir(status.phase);
  if (!onAir && pending === null && elsewhere !== null) return <TakeOverControls where={elsewhere} ready={ready} />;
  if (!onAir && pending === null) {
    return (
      <div className="show-controls">
        <button type="button" className="button button-primary button-go-live" disabled={!ready} onClick={() => goLive()}>
          {status.phase === 'error' ? 'Try again' : status.showOpen ? 'Resume' : status.phase === 'ended' ? 'Go live again' : 'Go live'}
        </button>
        {status.showOpen && (
          <button type="button" className="button button-danger" onClick={() => void endShow()} title="End the show for every viewer">
            End show
          </button>
        )}
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
      <button
        type="button"
        className="button"
        disabled={pending !== null}
        onClick={() => void stop()}
        title="Pause: viewers see that you will be right back"
      >
        {pending === 'stopping' ? 'Stopping…' : 'Stop'}
      </button>
      <button
        type="button"
        className="button button-danger"
        disabled={pending !== null}
        onClick={() => void endShow()}
        title="End the show for every viewer"
      >
        {pending === 'ending' ? 'Ending…' : 'End show'}
      </button>
    </div>
  );
}

/** Another window publishes the show: say which, and offer to move the show here. */
function TakeOverControls({ where, ready }: { where: string; ready: boolean }) {
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
