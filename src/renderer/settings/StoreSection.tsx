import { useEffect, useState, type KeyboardEvent } from 'react';
import { EMBED_ORIGINS_MAX, STORE_PLATFORMS, storeSettingsPatchSchema, type StorePlatform } from '../../shared/domain/store-settings.js';
import { useStudio } from '../api/studio-context.js';
import { useSettings } from '../api/use-settings.js';
import './store.css';

const PLATFORM_LABELS: Record<StorePlatform, string> = { shopify: 'Shopify', woocommerce: 'WooCommerce', other: 'Other' };

interface StoreDraft {
  platform: StorePlatform;
  url: string;
  currency: string;
  embedOrigins: string[];
}

/** What the settings schema says is wrong, by field ("url", "currency", "embedOrigins.2"). */
type FieldErrors = Record<string, string>;

function fieldErrors(draft: StoreDraft): FieldErrors {
  const checked = storeSettingsPatchSchema.safeParse(draft);
  if (checked.success) return {};
  const errors: FieldErrors = {};
  for (const issue of checked.error.issues) {
    const key = issue.path.join('.');
    errors[key] ??= issue.message;
  }
  return errors;
}

/**
 * Settings → Store (issue 19): the seller's web shop. Buy buttons and
 * checkout links go there (src/main/store/buy-links.ts), its currency is
 * used where an imported file names none, and only the pages listed here may
 * embed the live player. Saved with its own button (the fields belong
 * together: a platform without its address makes no links); each field's
 * problem is shown beside it, in the settings schema's words.
 */
export function StoreSection() {
  const studio = useStudio();
  const settings = useSettings();
  const saved = settings.value?.store ?? null;
  const [draft, setDraft] = useState<StoreDraft | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  // The fields follow what is saved (here, or by a producer on another computer) until the host edits them.
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (saved && !dirty) setDraft({ ...saved, embedOrigins: [...saved.embedOrigins] });
  }, [saved, dirty]);

  if (!draft) return null;

  const update = (patch: Partial<StoreDraft>) => {
    setDraft({ ...draft, ...patch });
    setDirty(true);
    setErrors({});
    setMessage(null);
  };
  const setOrigin = (index: number, value: string) => update({ embedOrigins: draft.embedOrigins.map((o, i) => (i === index ? value : o)) });

  const save = async () => {
    // Blank embed rows are rows the host added and left empty: not an error, just nothing.
    const next = { ...draft, embedOrigins: draft.embedOrigins.filter((o) => o.trim() !== '') };
    const found = fieldErrors(next);
    if (Object.keys(found).length > 0) {
      setDraft(next);
      setErrors(found);
      setMessage({ kind: 'error', text: 'The store was not saved: see the field marked below.' });
      return;
    }
    setSaving(true);
    const result = await studio.updateSettings({ store: next });
    setSaving(false);
    if (result.ok) {
      settings.set(result.value);
      setDirty(false);
      setMessage({ kind: 'ok', text: result.value.store.url ? 'Store saved. Buy buttons go to your store from the next pin.' : 'Store saved.' });
    } else {
      setMessage({ kind: 'error', text: result.error.message });
    }
  };

  // Enter in a field would submit the whole Settings form: save the store instead.
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement)) return;
    event.preventDefault();
    if (dirty && !saving) void save();
  };

  const error = (key: string) =>
    errors[key] ? (
      <span className="field-error" role="alert">
        {errors[key]}
      </span>
    ) : null;

  return (
    <section className="settings-section" aria-labelledby="store-title" data-testid="store-settings" onKeyDown={onKeyDown}>
      <h2 id="store-title">Store</h2>
      <p className="help">Your own web shop: where Buy buttons and checkout links take viewers.</p>
      <label className="field field-narrow">
        <span>Platform</span>
        <select value={draft.platform} onChange={(e) => update({ platform: e.target.value as StorePlatform })}>
          {STORE_PLATFORMS.map((p) => (
            <option key={p} value={p}>
              {PLATFORM_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Store address</span>
        <input
          value={draft.url}
          maxLength={500}
          placeholder="https://shop.example.com"
          aria-invalid={errors.url ? true : undefined}
          onChange={(e) => update({ url: e.target.value })}
        />
        {error('url')}
        <small className="field-hint">
          Shopify: Buy fills the cart when your catalog came from a Shopify export with “Variant ID”. WooCommerce: Buy adds to the cart
          when your export had IDs. Otherwise Buy opens each product’s own link.
        </small>
      </label>
      <label className="field field-narrow">
        <span>Store currency</span>
        <input
          value={draft.currency}
          maxLength={3}
          placeholder="USD"
          aria-invalid={errors.currency ? true : undefined}
          onChange={(e) => update({ currency: e.target.value })}
        />
        {error('currency')}
        <small className="field-hint">A three-letter code (USD, EUR, GBP). Used where an imported file names no currency.</small>
      </label>
      <fieldset className="store-embed-origins">
        <legend>Web pages allowed to embed the player</legend>
        {draft.embedOrigins.length === 0 && <p className="help">None: no other web page may show your live player.</p>}
        {draft.embedOrigins.map((origin, i) => (
          <div key={i} className="store-embed-row">
            <input
              value={origin}
              maxLength={300}
              placeholder="https://shop.example.com"
              aria-label={`Embed address ${i + 1}`}
              aria-invalid={errors[`embedOrigins.${i}`] ? true : undefined}
              onChange={(e) => setOrigin(i, e.target.value)}
            />
            <button type="button" className="button" onClick={() => update({ embedOrigins: draft.embedOrigins.filter((_, j) => j !== i) })}>
              Remove
            </button>
            {error(`embedOrigins.${i}`)}
          </div>
        ))}
        {error('embedOrigins')}
        <button
          type="button"
          className="button"
          disabled={draft.embedOrigins.length >= EMBED_ORIGINS_MAX}
          onClick={() => update({ embedOrigins: [...draft.embedOrigins, ''] })}
        >
          Add a web page
        </button>
        <small className="field-hint">The start of the address only, such as https://shop.example.com (no path).</small>
      </fieldset>
      <div className="store-actions">
        <button type="button" className="button button-primary" disabled={saving || !dirty} onClick={() => void save()}>
          {saving ? 'Saving…' : 'Save store'}
        </button>
      </div>
      {message && (
        <p className={`banner banner-${message.kind === 'ok' ? 'ok' : 'error'}`} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
