import { useId, useState, type FormEvent } from 'react';
import type { InviteExpiry } from '../../shared/domain/guests.js';

const EXPIRIES: readonly { readonly value: InviteExpiry; readonly label: string }[] = [
  { value: '1h', label: '1 hour' },
  { value: '24h', label: '24 hours' },
  { value: '7d', label: '7 days' },
  { value: 'never', label: 'Until revoked' },
];

export interface InviteFormProps {
  readonly busy: boolean;
  readonly onCreate: (input: { label: string; singleUse: boolean; expiry: InviteExpiry }) => Promise<boolean>;
}

/** A new invite link: who it is for (the host's note), one person or many, how long it works. */
export function InviteForm({ busy, onCreate }: InviteFormProps) {
  const id = useId();
  const [label, setLabel] = useState('');
  const [singleUse, setSingleUse] = useState(true);
  const [expiry, setExpiry] = useState<InviteExpiry>('24h');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await onCreate({ label, singleUse, expiry })) setLabel('');
  };

  return (
    <form className="invite-form" onSubmit={(e) => void submit(e)} aria-label="New invite link">
      <label htmlFor={`${id}-label`}>Who is it for?</label>
      <input
        id={`${id}-label`}
        className="input"
        value={label}
        maxLength={60}
        placeholder="Dana from Acme"
        onChange={(e) => setLabel(e.target.value)}
        data-testid="invite-label"
      />
      <div className="invite-form-row">
        <label htmlFor={`${id}-use`}>Use</label>
        <select id={`${id}-use`} className="input" value={singleUse ? 'single' : 'reusable'} onChange={(e) => setSingleUse(e.target.value === 'single')} data-testid="invite-use">
          <option value="single">One person</option>
          <option value="reusable">Reusable</option>
        </select>
        <label htmlFor={`${id}-expiry`}>Works for</label>
        <select id={`${id}-expiry`} className="input" value={expiry} onChange={(e) => setExpiry(e.target.value as InviteExpiry)} data-testid="invite-expiry">
          {EXPIRIES.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button-primary" disabled={busy} data-testid="invite-create">
        Create invite link
      </button>
    </form>
  );
}
