import { useEffect, useState, type KeyboardEvent } from 'react';
import type { BackupInfo } from '../../shared/domain/backups.js';
import { settingsPatchSchema } from '../../shared/domain/settings.js';
import { useStudio } from '../api/studio-context.js';
import { useSettings } from '../api/use-settings.js';
import { Modal } from '../ui/Modal.js';
import { formatBytes, formatDateTime } from '../ui/format.js';

const whatOf = (b: BackupInfo): string =>
  b.reason === 'pre-restore' ? `Before a restore${b.showName ? ` (${b.showName})` : ''}` : (b.showName ?? 'A show with no rundown');

/**
 * Settings → Backups: the database is backed up when a show starts; the
 * newest N are kept (saved at once, like Selling). Restore asks first, then
 * the studio restarts on the backup (this page reconnects by itself).
 */
export function BackupsSection() {
  const studio = useStudio();
  const settings = useSettings();
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [keepText, setKeepText] = useState('');
  const [confirming, setConfirming] = useState<BackupInfo | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const savedKeep = settings.value?.backups.keep ?? null;
  useEffect(() => setKeepText(savedKeep === null ? '' : String(savedKeep)), [savedKeep]);
  useEffect(() => {
    let live = true;
    void studio.listBackups().then((r) => {
      if (!live) return;
      if (r.ok) setBackups(r.value);
      else setMessage({ kind: 'error', text: r.error.message });
    });
    return () => {
      live = false;
    };
  }, [studio]);

  const saveKeep = async () => {
    const keep = /^\s*\d{1,3}\s*$/.test(keepText) ? Number(keepText) : Number.NaN;
    if (keep === savedKeep) return;
    const checked = settingsPatchSchema.safeParse({ backups: { keep } });
    if (!checked.success) return setMessage({ kind: 'error', text: checked.error.issues[0]?.message ?? 'Type a whole number, such as 10.' });
    const result = await studio.updateSettings({ backups: { keep } });
    if (result.ok) {
      settings.set(result.value);
      setMessage({ kind: 'ok', text: `The newest ${keep} show backups are kept.` });
    } else {
      setMessage({ kind: 'error', text: result.error.message });
    }
  };
  // Enter in the field would submit the whole Settings form: save just this field instead.
  const onEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void saveKeep();
  };

  const restore = async (backup: BackupInfo) => {
    setConfirming(null);
    const result = await studio.restoreBackup({ file: backup.file });
    setMessage(
      result.ok
        ? { kind: 'ok', text: `Restoring the backup of ${formatDateTime(backup.createdAt)}: the studio restarts and this page reconnects by itself.` }
        : { kind: 'error', text: result.error.message },
    );
  };

  return (
    <section className="settings-section" aria-labelledby="backups-title" data-testid="backup-settings">
      <h2 id="backups-title">Backups</h2>
      <p className="help">The studio backs up its data when a show goes live, into the backups folder of the data folder.</p>
      <label className="field field-narrow">
        <span>Show backups kept</span>
        <input inputMode="numeric" value={keepText} onChange={(e) => setKeepText(e.target.value)} onBlur={() => void saveKeep()} onKeyDown={onEnter} />
      </label>
      {backups !== null && backups.length === 0 && <p className="help">No backups yet: the first is made when a show goes live.</p>}
      {backups !== null && backups.length > 0 && (
        <table className="backups-table" aria-label="Backups">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Show</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span className="visually-hidden">Restore</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.file} data-testid="backup-row">
                <td>{formatDateTime(b.createdAt)}</td>
                <td>{whatOf(b)}</td>
                <td>{formatBytes(b.sizeBytes)}</td>
                <td>
                  <button type="button" className="button" onClick={() => setConfirming(b)}>
                    Restore…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {message && (
        <p className={`banner banner-${message.kind}`} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {confirming && (
        <Modal
          title="Restore this backup?"
          onClose={() => setConfirming(null)}
          footer={
            <>
              <button type="button" className="button" onClick={() => setConfirming(null)}>
                Cancel
              </button>
              <button type="button" className="button button-danger" onClick={() => void restore(confirming)}>
                Restore and restart
              </button>
            </>
          }
        >
          <p>
            The catalog, shows, chat and claims go back to {formatDateTime(confirming.createdAt)} ({whatOf(confirming)}). The studio restarts: a live show
            stops for a moment. What you have now is kept as a backup, so you can go back to it.
          </p>
        </Modal>
      )}
    </section>
  );
}
