import { usePublish } from './publish-context.js';
import { isOnAir } from './publish-status.js';

/**
 * Go live / Stop / End show. Stop is a pause (viewers see "the host will be
 * right back" and the link keeps working); End show tells every viewer the
 * show is over. Neither asks for confirmation: a host mid-show needs one
 * click, and Stop is undone by Go live.
 */
export function ShowControls({ ready }: { ready: boolean }) {
  const { status, pending, goLive, stop, endShow } = usePublish();
  const onAir = isOnAir(status.phase);
  if (!onAir && pending === null) {
    return (
      <div className="show-controls">
        <button type="button" className="button button-primary button-go-live" disabled={!ready} onClick={goLive}>
          {status.phase === 'error' ? 'Try again' : status.showOpen ? 'Resume' : status.phase === 'ended' ? 'Go live again' : 'Go live'}
        </button>
        {status.showOpen && (
          <button type="button" className="button button-danger" onClick={() => void endShow()} title="End the show for every viewer">
            End show
          </button>
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
