import { useEffect, useState, type FormEvent } from 'react';
import type { AppInfo } from '../../shared/api/contract/app.js';
import type { Settings } from '../../shared/domain/settings.js';
import { useStudio } from '../api/studio-context.js';
import { useSettings } from '../api/use-settings.js';
import { BackupsSection } from './BackupsSection.js';
import { DestinationsSection } from './DestinationsSection.js';
import { ObsSection } from './ObsSection.js';
import { ProducerConsoleSection } from './ProducerConsoleSection.js';
import { RecordingSection } from './RecordingSection.js';
import { SellingSection } from './SellingSection.js';
import { StoreSection } from './StoreSection.js';
import { StreamingServerSection, type StreamingServerDraft } from './StreamingServerSection.js';
import { VerticalOutputSection } from './VerticalOutputSection.js';

interface Draft extends StreamingServerDraft {
  hostName: string;
  storeName: string;
  controlEnabled: boolean;
  allowLan: boolean;
  port: string;
  producersMayGoLive: boolean;
}

const validPort = (text: string): number | null => {
  const port = Number(text);
  return /^\d+$/.test(text.trim()) && port >= 1024 && port <= 65535 ? port : null;
};

const draftFrom = (s: Settings): Draft => ({
  hostName: s.hostName,
  storeName: s.storeName,
  controlEnabled: s.controlServer.enabled,
  allowLan: s.controlServer.allowLan,
  port: String(s.controlServer.port),
  producersMayGoLive: s.controlServer.producersMayGoLive,
  sfuUrl: s.sfu.url,
  sfuRoom: s.sfu.room,
  sfuPort: String(s.sfu.port),
  sfuAllowLan: s.sfu.allowLan,
  sfuHostToken: '',
});

export function SettingsScreen({ onClose }: { onClose: () => void }) {
  const studio = useStudio();
  const settings = useSettings();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void studio.getAppInfo().then((r) => r.ok && setInfo(r.value));
  }, [studio]);
  useEffect(() => {
    if (settings.value && draft === null) setDraft(draftFrom(settings.value));
  }, [settings.value, draft]);

  if (settings.error) return <div className="settings-screen banner banner-error">{settings.error}</div>;
  if (!draft) return <div className="settings-screen">Loading settings…</div>;

  const update = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setMessage(null);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const port = validPort(draft.port);
    const sfuPort = validPort(draft.sfuPort);
    if (port === null || sfuPort === null) {
      setMessage({ kind: 'error', text: 'Port must be a whole number between 1024 and 65535.' });
      return;
    }
    setSaving(true);
    const result = await studio.updateSettings({
      hostName: draft.hostName,
      storeName: draft.storeName,
      controlServer: { enabled: draft.controlEnabled, allowLan: draft.allowLan, port, producersMayGoLive: draft.producersMayGoLive },
      sfu: {
        url: draft.sfuUrl,
        room: draft.sfuRoom,
        port: sfuPort,
        allowLan: draft.sfuAllowLan,
        ...(draft.sfuHostToken.trim() ? { hostToken: draft.sfuHostToken } : {}),
      },
    });
    setSaving(false);
    if (result.ok) {
      setDraft(draftFrom(result.value));
      setMessage({ kind: 'ok', text: 'Settings saved.' });
    } else {
      setMessage({ kind: 'error', text: result.error.message });
    }
  };

  return (
    <form className="settings-screen" onSubmit={(e) => void save(e)} aria-label="Settings">
      <div className="settings-header">
        <h1>Settings</h1>
        <div className="settings-header-actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </div>
      {message && (
        <p className={`banner banner-${message.kind === 'ok' ? 'ok' : 'error'}`} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}

      <section className="settings-section">
        <h2>Show</h2>
        <label className="field">
          <span>Host name</span>
          <input
            value={draft.hostName}
            maxLength={60}
            placeholder="Shown on the lower third and on your chat messages"
            onChange={(e) => update({ hostName: e.target.value })}
          />
        </label>
        <label className="field">
          <span>Store name</span>
          <input
            value={draft.storeName}
            maxLength={60}
            placeholder="Your shop as buyers know it"
            onChange={(e) => update({ storeName: e.target.value })}
          />
          <small className="field-hint">Viewers cannot chat under your host or store name, nor a look-alike of either.</small>
        </label>
      </section>

      <StoreSection />

      <StreamingServerSection draft={draft} onChange={(p) => update(p)} />

      <DestinationsSection />

      <ProducerConsoleSection
        enabled={draft.controlEnabled}
        allowLan={draft.allowLan}
        port={draft.port}
        producersMayGoLive={draft.producersMayGoLive}
        onChange={(p) => update(p)}
        browserMode={info?.runtime === 'web'}
      />

      <ObsSection />

      <SellingSection />

      <RecordingSection info={info} />

      <VerticalOutputSection />

      <BackupsSection />

      <section className="settings-section">
        <h2>Data</h2>
        <dl className="facts">
          <dt>Data folder</dt>
          <dd data-testid="data-dir">{info?.dataDir ?? '…'}</dd>
          <dt>Database file</dt>
          <dd>{info?.databasePath ?? '…'}</dd>
          <dt>Data format</dt>
          <dd>{info ? `version ${info.schemaVersion}` : '…'}</dd>
          <dt>App</dt>
          <dd>{info ? `${info.name} ${info.version} (${info.runtime === 'web' ? 'browser mode' : 'desktop'})` : '…'}</dd>
        </dl>
        <p className="help">
          Your catalog, shows, chat log and settings are kept in this folder. To use another folder, start the studio with{' '}
          <code>--data-dir FOLDER</code>; to keep a copy elsewhere, copy the folder while the studio is closed.
        </p>
      </section>
    </form>
  );
}
