import { useState } from 'react';
import type { ObsStatus } from '../../shared/domain/obs.js';
import { useStudio } from '../api/studio-context.js';
import { useStudioValue } from '../api/studio-value.js';
import './obs-strip.css';

/**
 * For hosts who produce in OBS: OBS's scenes as cut buttons in the Program
 * panel, with its stream/record state and health. Hidden unless the studio
 * is connected to OBS (Settings → OBS); reconnecting shows a one-line note.
 */
export function ObsSceneStrip() {
  const studio = useStudio();
  const status = useStudioValue({ event: 'obsStatusChanged', read: (api) => api.getObsStatus() });
  const [error, setError] = useState<string | null>(null);
  const s = status.value;
  if (!s || s.state === 'disconnected' || s.state === 'error') return null;
  if (s.state !== 'connected') {
    return (
      <div className="obs-strip" data-testid="obs-strip" data-state={s.state}>
        <span className="obs-strip-label">OBS</span>
        <span className="muted">{s.message ?? 'Connecting…'}</span>
      </div>
    );
  }
  const cut = async (sceneName: string) => {
    const result = await studio.setObsProgramScene({ sceneName });
    setError(result.ok ? null : result.error.message);
    if (result.ok) status.set(result.value);
  };
  return (
    <div className="obs-strip" data-testid="obs-strip" data-state={s.state}>
      <span className="obs-strip-label">OBS</span>
      {s.scenes.map((scene) => (
        <button
          key={scene.name}
          type="button"
          className={`button button-small${scene.name === s.programScene ? ' button-primary' : ''}`}
          aria-pressed={scene.name === s.programScene}
          onClick={() => void cut(scene.name)}
        >
          {scene.name}
        </button>
      ))}
      <span className="obs-strip-facts muted">{facts(s)}</span>
      {error && (
        <span className="pinned-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

function facts(s: ObsStatus): string {
  const parts = [s.streaming ? 'streaming' : null, s.recording ? 'recording' : null];
  if (s.health) parts.push(`CPU ${s.health.cpuUsage.toFixed(0)} %`, `${s.health.renderSkippedFrames + s.health.outputSkippedFrames} frames skipped`);
  return parts.filter((p) => p !== null).join(' · ');
}
