import { useState } from 'react';
import type { Result } from '../../shared/api/result.js';
import { DEFAULT_OBS_ADDRESS, OBS_OVERLAY_INPUTS, type ObsStatus } from '../../shared/domain/obs.js';
import { useStudio } from '../api/studio-context.js';
import { useStudioValue } from '../api/studio-value.js';
import { useSettings } from '../api/use-settings.js';
import './obs.css';

const stateLabel: Record<ObsStatus['state'], string> = {
  disconnected: 'Not connected',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  error: 'Not connected',
};

/**
 * OBS Studio driven from the studio: a guided setup, the connection (the
 * password is write-only: main keeps it), scenes, stream/record, OBS's
 * health, and the product overlay that follows every pin. It acts at once
 * (each button calls main), so it sits outside the Settings form's Save.
 */
export function ObsSection() {
  const studio = useStudio();
  const status = useStudioValue({ event: 'obsStatusChanged', read: (api) => api.getObsStatus() });
  const settings = useSettings();
  const [address, setAddress] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [overlayPick, setOverlayPick] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const s = status.value;

  const act = async (what: string, call: () => Promise<Result<ObsStatus>>) => {
    setBusy(what);
    setError(null);
    const result = await call();
    setBusy(null);
    if (result.ok) status.set(result.value);
    else setError(result.error.message);
  };
  const shownAddress = address ?? s?.address ?? DEFAULT_OBS_ADDRESS;
  const testConnection = () =>
    act('connect', () => studio.connectObs({ address: shownAddress, ...(password !== '' ? { password } : {}) })).then(() => setPassword(''));
  const connected = s?.state === 'connected';
  const overlayScene = overlayPick ?? s?.overlayScene ?? s?.programScene ?? '';

  return (
    <section className="settings-section obs-section" aria-labelledby="obs-title">
      <h2 id="obs-title">OBS</h2>
      <p className="help">If you produce your show in OBS Studio (28 or newer), the studio can drive it. Once, in OBS:</p>
      <ol className="help obs-steps">
        <li>
          Open <b>Tools → WebSocket Server Settings</b> and tick <b>Enable WebSocket server</b> (port <b>4455</b>, keep
          authentication on).
        </li>
        <li>
          Click <b>Show Connect Info</b> and copy the <b>Server Password</b> into the field below.
        </li>
        <li>Click <b>Test connection</b>. OBS must stay open while you are live; the studio reconnects if it restarts.</li>
      </ol>
      <label className="field">
        <span>OBS address</span>
        <input value={shownAddress} spellCheck={false} onChange={(e) => setAddress(e.target.value)} />
      </label>
      <label className="field">
        <span>OBS WebSocket password</span>
        <input
          type="password"
          autoComplete="off"
          value={password}
          placeholder={s?.hasPassword ? 'Leave empty to keep the saved password' : 'From Show Connect Info in OBS'}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.value?.obs.autoConnect ?? false}
          onChange={(e) => void studio.updateSettings({ obs: { autoConnect: e.target.checked } })}
        />
        <span>Connect to OBS when the studio starts</span>
      </label>
      <div className="button-row">
        <button type="button" className="button button-primary" disabled={busy !== null} onClick={() => void testConnection()}>
          {busy === 'connect' ? 'Connecting…' : 'Test connection'}
        </button>
        {s && s.state !== 'disconnected' && (
          <button type="button" className="button" disabled={busy !== null} onClick={() => void act('disconnect', () => studio.disconnectObs())}>
            Disconnect
          </button>
        )}
      </div>

      <div className="control-status" data-testid="obs-status" data-state={s?.state ?? 'loading'}>
        <p>
          {s ? stateLabel[s.state] : 'Checking…'}
          {connected && s.obsVersion ? ` to OBS ${s.obsVersion}` : ''}
        </p>
        {s?.message && (
          <p className={`banner ${s.state === 'error' ? 'banner-error' : 'banner-warn'}`} role={s.state === 'error' ? 'alert' : 'status'}>
            {s.message}
          </p>
        )}
        {error && (
          <p className="banner banner-error" role="alert">
            {error}
          </p>
        )}
      </div>

      {connected && (
        <>
          <h3>Scenes</h3>
          <ul className="obs-scenes">
            {s.scenes.map((scene) => (
              <li key={scene.name}>
                <button
                  type="button"
                  className={`button${scene.name === s.programScene ? ' button-primary' : ''}`}
                  aria-pressed={scene.name === s.programScene}
                  onClick={() => void act('scene', () => studio.setObsProgramScene({ sceneName: scene.name }))}
                >
                  {scene.name}
                </button>
                {s.studioMode && (
                  <button type="button" className="button" onClick={() => void act('preview', () => studio.setObsPreviewScene({ sceneName: scene.name }))}>
                    {scene.name === s.previewScene ? 'In preview' : 'Preview'}
                  </button>
                )}
                {scene.name === s.programScene && (
                  <span className="obs-items">
                    {scene.items.map((item) => (
                      <label key={item.id} className="check">
                        <input
                          type="checkbox"
                          checked={item.enabled}
                          onChange={(e) =>
                            void act('item', () => studio.setObsSceneItemEnabled({ sceneName: scene.name, sceneItemId: item.id, enabled: e.target.checked }))
                          }
                        />
                        <span>{item.sourceName}</span>
                      </label>
                    ))}
                  </span>
                )}
              </li>
            ))}
          </ul>

          <h3>Stream and recording (OBS&apos;s own outputs)</h3>
          <div className="button-row">
            <button type="button" className="button" onClick={() => void act('stream', () => (s.streaming ? studio.stopObsStream() : studio.startObsStream()))}>
              {s.streaming ? 'Stop streaming' : 'Start streaming'}
            </button>
            <button type="button" className="button" onClick={() => void act('record', () => (s.recording ? studio.stopObsRecord() : studio.startObsRecord()))}>
              {s.recording ? 'Stop recording' : 'Start recording'}
            </button>
          </div>
          {s.health && (
            <dl className="facts" data-testid="obs-health">
              <dt>OBS CPU</dt>
              <dd>{s.health.cpuUsage.toFixed(1)} %</dd>
              <dt>Frames skipped (rendering)</dt>
              <dd>
                {s.health.renderSkippedFrames} of {s.health.renderTotalFrames}
              </dd>
              <dt>Frames skipped (encoding)</dt>
              <dd>
                {s.health.outputSkippedFrames} of {s.health.outputTotalFrames}
              </dd>
            </dl>
          )}

          <h3>Product overlay in OBS</h3>
          <p className="help">
            Sync overlays adds four sources to the scene you pick — &quot;{OBS_OVERLAY_INPUTS.title}&quot;, &quot;{OBS_OVERLAY_INPUTS.price}&quot;,
            &quot;{OBS_OVERLAY_INPUTS.image}&quot; and &quot;{OBS_OVERLAY_INPUTS.auction}&quot; — and updates them on every pin and during auctions. Move and restyle them in OBS as you like.
          </p>
          <div className="button-row">
            <select value={overlayScene} aria-label="Overlay scene" onChange={(e) => setOverlayPick(e.target.value)}>
              {s.scenes.map((scene) => (
                <option key={scene.name}>{scene.name}</option>
              ))}
            </select>
            <button type="button" className="button" disabled={!overlayScene} onClick={() => void act('overlay', () => studio.setObsOverlayScene({ sceneName: overlayScene }))}>
              Sync overlays
            </button>
            {s.overlayScene && (
              <button type="button" className="button" onClick={() => void act('overlay', () => studio.setObsOverlayScene({ sceneName: null }))}>
                Stop syncing
              </button>
            )}
          </div>
          {s.overlayScene && (
            <p className="help" data-testid="obs-overlay">
              Syncing to &quot;{s.overlayScene}&quot; · {s.overlay === 'delivered' ? 'up to date' : s.overlay === 'pending' ? 'updating…' : 'failed'}
            </p>
          )}
        </>
      )}

      <h3>OBS as your camera</h3>
      <p className="help">
        To send OBS&apos;s picture to your viewers through the studio: in OBS click <b>Start Virtual Camera</b> (Controls panel), then pick{' '}
        <b>OBS Virtual Camera</b> in the studio&apos;s camera picker. On Linux, OBS needs the v4l2loopback module for this.
      </p>
    </section>
  );
}
