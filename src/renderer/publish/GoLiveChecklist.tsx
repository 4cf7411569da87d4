import type { SfuStatus } from '../../shared/domain/live.js';
import { useSfuStatus } from '../live/live-context.js';
import { serverLabel } from './host-messages.js';
import type { CaptureStatus } from './media-capture.js';
import { MicLevelMeter } from './MicLevelMeter.js';
import { useCapture } from './publish-context.js';

type CheckState = 'ok' | 'warn' | 'fail' | 'busy';

export interface CheckItem {
  readonly key: 'camera' | 'microphone' | 'server';
  readonly label: string;
  readonly state: CheckState;
  readonly detail: string;
}

const ICON: Record<CheckState, string> = { ok: '✓', warn: '!', fail: '✕', busy: '…' };

/** The go-live checks; Go live needs camera and server (a missing mic is a warning: some shows are silent). */
export function goLiveChecks(capture: CaptureStatus | null, sfu: SfuStatus | null): CheckItem[] {
  const camera = capture?.camera;
  const mic = capture?.microphone;
  const size = camera?.width && camera.height ? `${camera.width}×${camera.height}${camera.frameRate ? ` · ${camera.frameRate} fps` : ''}` : '';
  return [
    {
      key: 'camera',
      label: 'Camera',
      ...(!capture?.enabled
        ? { state: 'fail', detail: 'Turned off' }
        : camera?.track
          ? { state: camera.width !== null && camera.width < 960 ? 'warn' : 'ok', detail: cameraDetail(camera.track.label, size, camera.width) }
          : camera?.starting
            ? { state: 'busy', detail: 'Starting…' }
            : { state: 'fail', detail: camera?.error ?? 'Not connected' }),
    },
    {
      key: 'microphone',
      label: 'Microphone',
      ...(!capture?.enabled
        ? { state: 'fail', detail: 'Turned off' }
        : mic?.track
          ? { state: 'ok', detail: mic.track.label || 'Connected' }
          : mic?.starting
            ? { state: 'busy', detail: 'Starting…' }
            : { state: 'warn', detail: `${mic?.error ?? 'Not connected.'} The show would go out without sound.` }),
    },
    { key: 'server', label: 'Streaming server', ...serverCheck(sfu) },
  ];
}

function cameraDetail(label: string, size: string, width: number | null): string {
  const base = [label, size].filter(Boolean).join(' · ') || 'Connected';
  return width !== null && width < 960 ? `${base}. Below 960×540 viewers get one quality only.` : base;
}

function serverCheck(sfu: SfuStatus | null): { state: CheckState; detail: string } {
  if (!sfu || sfu.state === 'starting') return { state: 'busy', detail: 'Starting…' };
  const where = sfu.mode === 'embedded' ? 'Built-in SFU on this computer' : `Remote SFU ${sfu.signalUrl ? serverLabel(sfu.signalUrl) : ''}`.trim();
  switch (sfu.state) {
    case 'connected':
      return { state: 'ok', detail: `${where} · reachable` };
    case 'connecting':
      return { state: 'busy', detail: `${where} · connecting…` };
    case 'reconnecting':
      return { state: 'warn', detail: sfu.error ?? `${where} · reconnecting…` };
    default:
      return { state: 'fail', detail: sfu.error ?? `${where} · not reachable` };
  }
}

export const canGoLive = (checks: readonly CheckItem[]): boolean =>
  checks.every((c) => c.key === 'microphone' || c.state === 'ok' || c.state === 'warn');

/** Shown before going live: each line says what is wrong in words the host can act on. */
export function GoLiveChecklist({ checks }: { checks: readonly CheckItem[] }) {
  const capture = useCapture();
  const sfu = useSfuStatus();
  return (
    <ul className="checklist" aria-label="Go-live checklist" data-sfu-state={sfu?.state ?? 'unknown'}>
      {checks.map((c) => (
        <li key={c.key} className={`check-item check-${c.state}`} data-testid={`check-${c.key}`} data-state={c.state}>
          <span className="check-icon" aria-hidden="true">
            {ICON[c.state]}
          </span>
          <span className="check-text">
            <span className="check-label">
              {c.label}
              <span className="visually-hidden">: {c.state === 'ok' ? 'ready' : c.state === 'busy' ? 'checking' : 'needs attention'}</span>
            </span>
            <span className="check-detail" title={c.detail}>
              {c.detail}
            </span>
          </span>
          {c.key === 'microphone' && capture?.microphone.track && <MicLevelMeter track={capture.microphone.track} />}
        </li>
      ))}
    </ul>
  );
}
