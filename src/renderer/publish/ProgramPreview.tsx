import { useEffect, useRef, type ReactNode } from 'react';
import { useAbilities } from '../api/role-context.js';
import { useAirState } from '../live/live-context.js';
import { useCapture, usePublishCommands, usePublishStatus } from './publish-context.js';

/**
 * The program picture exactly as it is sent (not mirrored — viewers see
 * text on a product the right way round): `picture` (the compositor's
 * output) once the camera runs, else the camera itself. A console that
 * cannot go live (a producer's) shows the program scene as composed here
 * (titles, the pinned card) without asking for a camera: the host's page
 * sends the picture. `overlay`: the host's notes over the picture (HTML,
 * never in the video).
 */
export function ProgramPreview({ picture = null, overlay = null }: { readonly picture?: MediaStreamTrack | null; readonly overlay?: ReactNode }) {
  const capture = useCapture();
  const status = usePublishStatus();
  const air = useAirState();
  const { goLive } = useAbilities();
  const { turnOnDevices, retryDevice } = usePublishCommands();
  const video = useRef<HTMLVideoElement>(null);
  const cameraTrack = capture?.camera.track ?? null;
  const track = cameraTrack ? (picture ?? cameraTrack) : goLive ? null : picture;

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    element.srcObject = track ? new MediaStream([track]) : null;
    if (track) void element.play().catch(() => undefined);
  }, [track]);

  const camera = capture?.camera;
  // Only while media actually flows: during a reconnect viewers see "reconnecting", not this picture.
  // A window that does not publish shows main's word on it (the host's page is on air).
  const onAir = status.phase === 'live' || (status.phase !== 'connecting' && status.phase !== 'reconnecting' && air?.phase === 'live');
  return (
    <div className={`video-frame program-frame${onAir ? ' is-on-air' : ''}`}>
      <video ref={video} className="program-video" data-testid="program-video" muted playsInline autoPlay hidden={!track} />
      {!goLive && !cameraTrack && (
        <p className="program-console-note" data-testid="program-console-note">
          The host’s camera is not shown on this console
        </p>
      )}
      {goLive && capture && !capture.enabled && (
        <div className="program-message">
          <p className="program-message-title">Camera is off</p>
          <p className="program-message-text">Turn on your camera and microphone to check the picture and sound before you go live.</p>
          <button type="button" className="button button-primary" onClick={turnOnDevices}>
            Turn on camera and microphone
          </button>
        </div>
      )}
      {camera && capture?.enabled && !track && (
        <div className="program-message" role={camera.error ? 'alert' : 'status'}>
          {camera.error ? (
            <>
              <p className="program-message-title">No picture</p>
              <p className="program-message-text">{camera.error}</p>
              <button type="button" className="button" onClick={() => retryDevice('camera')}>
                Try again
              </button>
            </>
          ) : (
            <p className="program-message-text">Starting the camera…</p>
          )}
        </div>
      )}
      {track && camera?.error && (
        <p className="program-warning" role="alert">
          {camera.error}
        </p>
      )}
      {overlay}
      {onAir && (
        <span className="program-on-air" aria-hidden="true">
          On air
        </span>
      )}
    </div>
  );
}
