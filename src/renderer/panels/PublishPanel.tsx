import { useAbilities } from '../api/role-context.js';
import { useSettings } from '../api/use-settings.js';
import { useAirState, useSfuStatus } from '../live/live-context.js';
import { DestinationsBlock, DestinationsSummary, useEgress } from '../publish/DestinationsBlock.js';
import { canGoLive, GoLiveChecklist, goLiveChecks } from '../publish/GoLiveChecklist.js';
import { useCapture, usePublisher, usePublishStatus } from '../publish/publish-context.js';
import { isOnAir } from '../publish/publish-status.js';
import { ShowControls } from '../publish/ShowControls.js';
import { ShowOnAir } from '../publish/ShowOnAir.js';
import { StreamHealthView } from '../publish/StreamHealthView.js';
import { ViewerLinks } from '../publish/ViewerLinks.js';
import { RecordButton, RecordingStatus } from '../recording/RecordControl.js';
import '../publish/publish.css';
import { Panel } from './Panel.js';

/** Going live: the checklist and Go live before; stream health, Stop and End show during; Record beside them; viewer links always. */
export function PublishPanel() {
  const status = usePublishStatus();
  const capture = useCapture();
  const sfu = useSfuStatus();
  const onAir = isOnAir(status.phase);
  const checks = goLiveChecks(capture, sfu);
  const viewerUrls = sfu?.viewerUrls.length ? sfu.viewerUrls : status.viewerUrls;
  const viewerCount = status.viewerCount ?? sfu?.viewerCount ?? null;
  // Go live, Stop and End show are for the host, and for a producer only when the host allows it.
  const { goLive, role } = useAbilities();
  const { elsewhere } = usePublisher();
  const air = useAirState();
  // A window that does not publish the show says where it stands (main's word): a producer's console always,
  // a host's page while another one publishes or paused it. This window's own pause and end have their banner.
  const followsShow = !goLive || elsewhere !== null || (air !== null && air.phase !== 'offline' && !status.showOpen && status.phase !== 'ended');
  // Multistream: each destination's row while the show is on air (or just ended, with how each stopped); a line before.
  const egress = useEgress();
  const showsDestinations = onAir || egress.value?.showRunning === true || (air !== null && air.phase !== 'offline');

  return (
    <Panel id="publish" title="Stream">
      <div className="stream" data-phase={status.phase}>
        <StatusBanner />
        {onAir ? (
          <>
            <h3 className="stream-heading">
              Stream health <span className="stream-heading-note">every 2 s</span>
            </h3>
            <StreamHealthView health={status.health} viewerCount={viewerCount} />
            <DestinationsBlock egress={egress} />
          </>
        ) : (
          <>
            {followsShow && <ShowOnAir canGoLive={goLive} />}
            {showsDestinations && <DestinationsBlock egress={egress} />}
            {/* The checklist is about this computer's camera: only where it can go live. */}
            {goLive && (
              <>
                <h3 className="stream-heading">Before you go live</h3>
                <GoLiveChecklist checks={checks} />
              </>
            )}
            {!showsDestinations && <DestinationsSummary overview={egress.value} />}
          </>
        )}
        {goLive ? (
          // Record sits beside Go live: the host's window records its own program (live or a rehearsal).
          <ShowControls ready={canGoLive(checks)} aside={role === 'host' ? <RecordButton /> : undefined} />
        ) : (
          <p className="help" data-testid="no-go-live">
            Your {role} link can&apos;t go live: the host goes live from the studio
            {role === 'producer' ? ' (or allows producers to, in Settings → Producer console)' : ''}.
          </p>
        )}
        <RecordingStatus />
        <ViewerLinks urls={viewerUrls} />
        <ServerSetting />
      </div>
    </Panel>
  );
}

/** Which server the show goes to, as set in Settings. */
function ServerSetting() {
  const sfuUrl = useSettings().value?.sfu.url ?? null;
  return (
    <dl className="facts stream-server">
      <dt>Streaming server</dt>
      <dd data-testid="publish-sfu">{sfuUrl === null ? '…' : sfuUrl || 'Built-in (this computer)'}</dd>
    </dl>
  );
}

/** What is going on, when it is not simply "live" or "offline". */
function StatusBanner() {
  const status = usePublishStatus();
  const { takenOver, elsewhere } = usePublisher();
  if (takenOver !== null && !isOnAir(status.phase)) {
    return (
      <p className="banner banner-warn stream-banner" role="alert" data-testid="taken-over">
        {takenOver}
      </p>
    );
  }
  switch (status.phase) {
    case 'connecting':
      return (
        <p className="banner banner-warn stream-banner" role="status">
          Connecting to the streaming server…
        </p>
      );
    case 'reconnecting':
      return (
        <p className="banner banner-warn stream-banner" role="status">
          Reconnecting (attempt {status.reconnectAttempt})… {status.error}
        </p>
      );
    case 'error':
      return (
        <p className="banner banner-error stream-banner" role="alert">
          {status.error}
        </p>
      );
    case 'ended':
      return (
        <p className="banner stream-banner stream-banner-muted" role="status">
          The show has ended. Viewers were told.
        </p>
      );
    case 'offline':
      return status.showOpen && elsewhere === null ? (
        <p className="banner banner-warn stream-banner" role="status">
          Paused. Viewers see “right back”.
        </p>
      ) : null;
    default:
      return null;
  }
}
