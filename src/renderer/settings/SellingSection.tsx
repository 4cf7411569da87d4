import { useEffect, useState, type KeyboardEvent } from 'react';
import { settingsPatchSchema, type SettingsPatch } from '../../shared/domain/settings.js';
import { useStudio } from '../api/studio-context.js';
import { useSettings } from '../api/use-settings.js';
import { BidIncrementsEditor } from './BidIncrementsEditor.js';

type SellingPatch = NonNullable<SettingsPatch['selling']>;

/** A whole number the host typed, or undefined when it is not one. */
const wholeNumber = (text: string): number | undefined => (/^\s*\d{1,6}\s*$/.test(text) ? Number(text) : undefined);

/**
 * Settings → Selling: auto-unpin, claims from chat, the claim limit per
 * viewer, the auctions' bid steps. Each change applies at once (a host may flip these mid-show), so
 * the section sits outside the Settings form's Save, as OBS does. Numbers
 * save when the field is left or on Enter.
 */
export function SellingSection() {
  const studio = useStudio();
  const settings = useSettings();
  // Shown at once while main saves (a checkbox that waits for the network feels broken); back to the saved value on an error.
  const [optimistic, setOptimistic] = useState<SellingPatch | null>(null);
  const saved = settings.value?.selling ?? null;
  const selling = saved && { ...saved, ...optimistic };
  const [unpinText, setUnpinText] = useState('');
  const [limitText, setLimitText] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  // The fields follow what is saved (here, or by a producer on another computer).
  const savedUnpin = saved?.autoUnpinSeconds ?? null;
  const savedLimit = saved?.claimLimitPerViewer ?? null;
  useEffect(() => setUnpinText(savedUnpin === null ? '' : String(savedUnpin)), [savedUnpin]);
  useEffect(() => setLimitText(savedLimit === null ? '' : String(savedLimit)), [savedLimit]);

  if (!selling) return null;

  const save = async (patch: SellingPatch, done: string) => {
    // Checked here with main's own rules, so the host reads "Auto-unpin: 5 seconds at least." without a field path.
    const checked = settingsPatchSchema.safeParse({ selling: patch });
    if (!checked.success) return setMessage({ kind: 'error', text: checked.error.issues[0]?.message ?? 'That value is not allowed.' });
    setOptimistic({ ...optimistic, ...patch });
    const result = await studio.updateSettings({ selling: patch });
    setOptimistic(null);
    if (result.ok) {
      settings.set(result.value);
      setMessage({ kind: 'ok', text: done });
    } else {
      setMessage({ kind: 'error', text: result.error.message });
    }
  };

  const saveUnpin = () => {
    const seconds = wholeNumber(unpinText);
    if (seconds === undefined) return setMessage({ kind: 'error', text: 'Auto-unpin: type a whole number of seconds, such as 60.' });
    if (seconds === savedUnpin) return;
    void save({ autoUnpinSeconds: seconds }, `Pins now come down by themselves after ${seconds} seconds.`);
  };
  const saveLimit = () => {
    const limit = wholeNumber(limitText);
    if (limit === undefined) return setMessage({ kind: 'error', text: 'Limit per viewer: type a whole number, such as 2.' });
    if (limit === savedLimit) return;
    void save({ claimLimitPerViewer: limit }, `A viewer may now claim ${limit} of each product.`);
  };
  // Enter in a field would submit the whole Settings form: save just this field instead.
  const onEnter = (action: () => void) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    action();
  };

  return (
    <section className="settings-section" aria-labelledby="selling-title" data-testid="selling-settings">
      <h2 id="selling-title">Selling</h2>
      <label className="check">
        <input
          type="checkbox"
          checked={selling.autoUnpinSeconds !== null}
          onChange={(e) => void save({ autoUnpinSeconds: e.target.checked ? 60 : null }, e.target.checked ? 'Pins now come down by themselves after 60 seconds.' : 'Pins now stay until you replace or unpin them.')}
        />
        <span>Unpin products by themselves (5 seconds to an hour after pinning)</span>
      </label>
      {selling.autoUnpinSeconds !== null && (
        <label className="field field-narrow">
          <span>Unpin after (seconds)</span>
          <input inputMode="numeric" value={unpinText} onChange={(e) => setUnpinText(e.target.value)} onBlur={saveUnpin} onKeyDown={onEnter(saveUnpin)} />
        </label>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={selling.claimsFromChat}
          onChange={(e) =>
            void save(
              { claimsFromChat: e.target.checked },
              e.target.checked ? 'Viewers can claim the pinned product by writing “sold” in the chat.' : 'Chat messages are no longer read as claims.',
            )
          }
        />
        <span>Claims from chat: “sold”, “claim M” on the pinned product</span>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={selling.claimLimitPerViewer !== null}
          onChange={(e) =>
            void save(
              { claimLimitPerViewer: e.target.checked ? 1 : null },
              e.target.checked ? 'A viewer may now claim 1 of each product.' : 'Viewers may claim as many as there are in stock.',
            )
          }
        />
        <span>Limit claims per viewer (for each product; waitlisted claims count)</span>
      </label>
      {selling.claimLimitPerViewer !== null && (
        <label className="field field-narrow">
          <span>Claims per viewer</span>
          <input inputMode="numeric" value={limitText} onChange={(e) => setLimitText(e.target.value)} onBlur={saveLimit} onKeyDown={onEnter(saveLimit)} />
        </label>
      )}
      <BidIncrementsEditor
        saved={saved?.bidIncrements ?? []}
        save={async (bidIncrements, done) => {
          const result = await studio.updateSettings({ selling: { bidIncrements } });
          if (!result.ok) return result.error.message;
          settings.set(result.value);
          setMessage({ kind: 'ok', text: done });
          return null;
        }}
      />
      {message && (
        <p className={`banner banner-${message.kind}`} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
