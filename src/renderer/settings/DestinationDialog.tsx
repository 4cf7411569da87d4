import { useId, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { PLATFORM_PRESETS, PLATFORMS, type Destination, type Platform } from '../../shared/domain/destinations.js';
import { useStudio } from '../api/studio-context.js';
import { Modal } from '../ui/Modal.js';
import { checkDraft, draftOf, newDraft, requestOf, withPlatform, withSplit, type DestinationDraft } from './destination-form.js';

type Field = 'name' | 'serverUrl' | 'streamKey';

/**
 * Add or edit a destination. The stream key is write-only: typed (a
 * password field, never filled in by the studio), sent to main, and from
 * then on shown only as "Key saved" with Replace. Rendered into the page's
 * body, outside the Settings form, so its Enter saves this dialog only.
 */
export function DestinationDialog({ editing, onClose }: { editing: Destination | null; onClose: (saved: Destination | null) => void }) {
  const studio = useStudio();
  const [draft, setDraft] = useState<DestinationDraft>(() => (editing ? draftOf(editing) : newDraft()));
  const [touched, setTouched] = useState<ReadonlySet<Field>>(new Set());
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const ids = { platform: useId(), help: useId(), name: useId(), url: useId(), key: useId() };
  const check = checkDraft(draft, editing);
  const shown = (field: Field) => (touched.has(field) ? check.errors[field] : undefined);
  const touch = (field: Field) => setTouched((t) => new Set([...t, field]));
  const change = (patch: Partial<DestinationDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setRefusal(null);
  };
  const preset = PLATFORM_PRESETS[draft.platform];
  const keyField = editing === null || draft.replacingKey;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    // Submit events bubble through the portal to the Settings form in React's tree: this one is the dialog's alone.
    event.stopPropagation();
    setTouched(new Set<Field>(['name', 'serverUrl', 'streamKey']));
    if (!check.ok) return;
    setSaving(true);
    const request = requestOf(draft, editing);
    const result = request.kind === 'create' ? await studio.createDestination(request.input) : await studio.updateDestination(request.input);
    setSaving(false);
    if (result.ok) onClose(result.value);
    else setRefusal(result.error.message);
  };

  return createPortal(
    <Modal title={editing ? `Edit ${editing.name}` : 'Add a destination'} onClose={() => onClose(null)} className="destination-dialog">
      <form className="destination-form" onSubmit={(e) => void save(e)} noValidate aria-label={editing ? 'Edit destination' : 'Add a destination'}>
        <fieldset className="destination-platforms">
          <legend>Platform</legend>
          {PLATFORMS.map((platform: Platform) => (
            <label key={platform} className={`destination-platform${draft.platform === platform ? ' is-picked' : ''}`}>
              <input type="radio" name={ids.platform} checked={draft.platform === platform} onChange={() => setDraft((d) => withPlatform(d, platform))} />
              <span>{PLATFORM_PRESETS[platform].label}</span>
            </label>
          ))}
        </fieldset>
        <p className="help destination-help" id={ids.help} data-testid="destination-help">
          {preset.help}
        </p>

        <label className="field" htmlFor={ids.name}>
          <span>Name</span>
          <input id={ids.name} value={draft.name} maxLength={60} onChange={(e) => change({ name: e.target.value })} onBlur={() => touch('name')} />
          <FieldError text={shown('name')} />
        </label>

        <label className="field" htmlFor={ids.url}>
          <span>Server URL</span>
          <input
            id={ids.url}
            value={draft.serverUrl}
            spellCheck={false}
            autoComplete="off"
            placeholder={preset.serverUrl ?? 'rtmps://… (from the platform)'}
            aria-describedby={ids.help}
            onChange={(e) => change({ serverUrl: e.target.value })}
            onBlur={() => touch('serverUrl')}
          />
          <FieldError text={draft.serverUrl.trim() !== '' || touched.has('serverUrl') ? check.errors.serverUrl : undefined} />
        </label>
        {check.split && (
          <div className="banner banner-warn destination-split" role="status" data-testid="destination-split">
            <span>This server URL seems to end with your stream key. The key belongs in its own field, where it is kept secret.</span>
            <button type="button" className="button button-small" onClick={() => setDraft((d) => withSplit(d, check.split!))}>
              Move the key
            </button>
          </div>
        )}

        {keyField ? (
          <label className="field" htmlFor={ids.key}>
            <span>Stream key</span>
            <input
              id={ids.key}
              type="password"
              value={draft.streamKey}
              autoComplete="off"
              spellCheck={false}
              placeholder={editing?.hasKey ? 'A new key (the saved one stays until you save)' : 'Paste the stream key'}
              onChange={(e) => change({ streamKey: e.target.value })}
              onBlur={() => touch('streamKey')}
            />
            <FieldError text={shown('streamKey')} />
            <small className="field-hint">The studio keeps it secret: it is never shown again, and goes only to the streaming server when the show starts.</small>
          </label>
        ) : (
          <div className="field">
            <span>Stream key</span>
            <div className="destination-key-saved">
              <span data-testid="destination-key-saved">Key saved</span>
              <button type="button" className="button button-small" onClick={() => change({ replacingKey: true, streamKey: '' })}>
                Replace
              </button>
            </div>
          </div>
        )}

        <label className="check">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => change({ enabled: e.target.checked })} />
          <span>Go live here when the show starts</span>
        </label>

        {refusal && (
          <p className="banner banner-error" role="alert">
            {refusal}
          </p>
        )}
        <footer className="destination-form-actions">
          <button type="button" className="button" onClick={() => onClose(null)}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? 'Saving…' : editing ? 'Save' : 'Add destination'}
          </button>
        </footer>
      </form>
    </Modal>,
    document.body,
  );
}

function FieldError({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <span className="field-error" role="alert">
      {text}
    </span>
  );
}
