import { useId } from 'react';
import { useCompositor } from './compositor-context.js';

/** Mute and gain for the microphone as viewers hear it (the level meter beside the mic picker reads the raw mic). */
export function AudioControls() {
  const { audio, setMicGain, setMicMuted, resolution, setResolution, resolutionLocked } = useCompositor();
  const id = useId();
  const outputId = useId();
  const db = audio.gain > 0 ? `${(20 * Math.log10(audio.gain)).toFixed(1)} dB` : '−∞ dB';
  return (
    <div className="audio-controls">
      <button type="button" className={`button button-small mute-button${audio.muted ? ' is-muted' : ''}`} aria-pressed={audio.muted} onClick={() => setMicMuted(!audio.muted)}>
        {audio.muted ? 'Mic muted' : 'Mute mic'}
      </button>
      <label htmlFor={id} className="audio-gain-label">
        Gain
      </label>
      <input id={id} className="audio-gain" type="range" min={0} max={2} step={0.05} value={audio.gain} onChange={(e) => setMicGain(Number(e.target.value))} />
      <output htmlFor={id} className="audio-gain-value">
        {db}
      </output>
      <label htmlFor={outputId} className="audio-gain-label">
        Output
      </label>
      <select
        id={outputId}
        className="select select-small"
        value={resolution}
        disabled={resolutionLocked !== null}
        title={resolutionLocked ?? undefined}
        onChange={(e) => setResolution(e.target.value === '1920x1080' ? '1920x1080' : '1280x720')}
      >
        <option value="1280x720">1280×720</option>
        <option value="1920x1080">1920×1080</option>
      </select>
    </div>
  );
}
