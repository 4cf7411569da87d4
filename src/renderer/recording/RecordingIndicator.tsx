import { useStudioNow } from '../api/studio-clock.js';
import { RecordingBadge } from './RecordControl.js';
import { useRecording } from './recording-context.js';

/**
 * The top bar's recording indicator, in every window that runs the show
 * (the host's and a producer's): red dot, time recorded, size on the disk,
 * and the disk warning as its tooltip. Nothing while nothing records.
 */
export function RecordingIndicator() {
  const current = useRecording()?.state?.current ?? null;
  const warning = useRecording()?.state?.disk?.warning ?? null;
  const now = useStudioNow(current !== null);
  if (!current) return null;
  return (
    <span className={`recording-indicator${warning ? ' is-warning' : ''}`} title={warning ?? 'Recording the program on the host’s computer'} data-testid="recording-indicator">
      <RecordingBadge startedAt={current.startedAt} bytes={current.bytes} now={now} />
    </span>
  );
}
