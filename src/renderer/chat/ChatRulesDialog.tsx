import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useStudio } from '../api/studio-context.js';
import { Modal } from '../ui/Modal.js';
import { fromForm, NUMBER_FIELDS, parseRulesFile, rulesFileText, toForm, type NumberField, type RulesForm } from './rules-file.js';
import { downloadExportedFile } from '../ui/download.js';
import { RulesChoice as Choice } from './RulesChoice.js';
import { StarterListFields } from './StarterListFields.js';

export interface ChatRulesDialogProps {
  readonly onClose: () => void;
}

type Status = { readonly kind: 'ok' | 'info'; readonly text: string } | { readonly kind: 'error'; readonly text: string; readonly problems?: string[] };

const FILE_NAME = 'chat-rules.json';
const MAX_FILE_BYTES = 1_000_000;

/**
 * The show's chat rules: the host's blocked terms, the starter list (on for
 * a new show), links, pacing; save, export and import the JSON settings
 * file. An imported file only fills the form; Save applies it. File content
 * is shown as text only.
 */
export function ChatRulesDialog({ onClose }: ChatRulesDialogProps) {
  const studio = useStudio();
  const [form, setForm] = useState<RulesForm | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [saving, setSaving] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const firstFieldRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    let live = true;
    void studio.getModerationRules().then((result) => {
      if (!live) return;
      if (result.ok) setForm(toForm(result.value));
      else setStatus({ kind: 'error', text: `Could not load the rules: ${result.error.message}` });
    });
    return () => {
      live = false;
    };
  }, [studio]);

  const loaded = form !== null;
  useEffect(() => {
    if (loaded) firstFieldRef.current?.focus();
  }, [loaded]);

  const edit = (patch: Partial<RulesForm>) => {
    setForm((f) => (f ? { ...f, ...patch } : f));
    setStatus((s) => (s?.kind === 'ok' ? null : s));
  };

  const checked = () => {
    if (!form) return null;
    const result = fromForm(form);
    if (result.ok) return result.rules;
    setStatus({ kind: 'error', text: 'Please fix these first:', problems: result.problems });
    return null;
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const rules = checked();
    if (!rules) return;
    setSaving(true);
    const result = await studio.setModerationRules({
      ...rules,
      blockedTerms: [...rules.blockedTerms],
      starterListRemoved: [...rules.starterListRemoved],
      allowedDomains: [...rules.allowedDomains],
    });
    setSaving(false);
    if (!result.ok) return setStatus({ kind: 'error', text: result.error.message });
    setForm(toForm(result.value));
    setStatus({ kind: 'ok', text: 'Saved. New chat messages are checked with these rules.' });
  };

  const exportFile = () => {
    const rules = checked();
    if (!rules) return;
    downloadExportedFile({ fileName: FILE_NAME, mimeType: 'application/json', content: rulesFileText(rules) });
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // the same file can be chosen again
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) return setStatus({ kind: 'error', text: 'This file is too big to be a rules file.' });
    const result = parseRulesFile(await file.text());
    if (!result.ok) return setStatus({ kind: 'error', text: `Could not import ${file.name}:`, problems: result.problems });
    setForm(toForm(result.rules));
    setStatus({ kind: 'info', text: `Loaded ${file.name}. Not saved yet: press Save to use these rules.` });
  };

  const footer = (
    <>
      <input ref={fileRef} type="file" accept=".json,application/json" aria-label="Rules file" hidden onChange={(e) => void importFile(e)} />
      <button type="button" className="button" disabled={!form} onClick={() => fileRef.current?.click()}>
        Import…
      </button>
      <button type="button" className="button" disabled={!form} onClick={exportFile}>
        Export…
      </button>
      <span className="rules-footer-gap" />
      <button type="button" className="button" onClick={onClose}>
        Close
      </button>
      <button type="submit" form="chat-rules-form" className="button button-primary" disabled={!form || saving}>
        {saving ? 'Saving…' : 'Save'}
      </button>
    </>
  );

  return (
    <Modal title="Chat rules" onClose={onClose} footer={footer} className="chat-rules-dialog">
      {status && <RulesStatus status={status} />}
      {form ? (
        <form id="chat-rules-form" className="chat-rules-form" onSubmit={(e) => void save(e)} noValidate>
          <label className="field">
            <span>Your blocked terms (one word or phrase per line)</span>
            <textarea
              ref={firstFieldRef}
              className="textarea"
              rows={5}
              spellCheck={false}
              value={form.blockedTerms}
              onChange={(e) => edit({ blockedTerms: e.target.value })}
            />
          </label>
          <Choice
            legend="Messages with one of your terms"
            value={form.blockedTermsAction}
            options={[
              ['block', 'Block'],
              ['hold', 'Hold for review'],
            ]}
            onChange={(blockedTermsAction) => edit({ blockedTermsAction })}
          />
          <StarterListFields form={form} onChange={edit} />
          <Choice
            legend="Links"
            value={form.links}
            options={[
              ['allow', 'Allow'],
              ['hold', 'Hold'],
              ['block', 'Block'],
            ]}
            onChange={(links) => edit({ links })}
          />
          <label className="field">
            <span>Allowed domains (one per line)</span>
            <textarea
              className="textarea"
              rows={3}
              spellCheck={false}
              aria-describedby="chat-rules-domains-hint"
              value={form.allowedDomains}
              onChange={(e) => edit({ allowedDomains: e.target.value })}
            />
            <small id="chat-rules-domains-hint" className="field-hint">
              Links to these and their subdomains are always allowed.
            </small>
          </label>
          <div className="chat-rules-numbers">
            {(Object.keys(NUMBER_FIELDS) as NumberField[]).map((field) => (
              <label key={field} className="field">
                <span>{NUMBER_FIELDS[field].label}</span>
                <input
                  type="number"
                  inputMode="decimal"
                  min={NUMBER_FIELDS[field].min}
                  max={NUMBER_FIELDS[field].max}
                  step={NUMBER_FIELDS[field].whole ? 1 : 'any'}
                  value={form[field]}
                  onChange={(e) => edit({ [field]: e.target.value })}
                />
              </label>
            ))}
          </div>
          <label className="chat-rules-check">
            <input type="checkbox" checked={form.holdFirstMessage} onChange={(e) => edit({ holdFirstMessage: e.target.checked })} />
            <span>Hold a viewer&apos;s first message for review</span>
          </label>
        </form>
      ) : (
        !status && <p className="chat-empty-text">Loading the rules…</p>
      )}
    </Modal>
  );
}

function RulesStatus({ status }: { readonly status: Status }) {
  return (
    <div className={`notice chat-rules-status notice-${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'}>
      {status.text}
      {status.kind === 'error' && status.problems && (
        <ul>
          {status.problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
