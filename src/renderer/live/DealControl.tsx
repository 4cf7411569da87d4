import { useId, useState, type FormEvent } from 'react';
import type { Deal } from '../../shared/domain/selling.js';
import { formatMoney } from '../ui/format.js';
import { readPriceEntry } from '../ui/price-entry.js';
import { PriceReading } from '../ui/PriceReading.js';
import { formatCountdown } from '../../shared/sfu/deal-clock.js';
import { DEAL_DURATIONS, parseDealDuration, studioDealPhase } from './deal-clock.js';
import { useLiveCommands } from './live-context.js';

export interface DealControlProps {
  /** The current pin's deal (running or ended), or null. */
  readonly deal: Deal | null;
  /** The studio's clock now (ticking while a deal runs). */
  readonly studioNow: number;
  readonly currency: string | null;
  readonly title: string;
}

const CUSTOM = 'custom';

/**
 * A flash deal on the pinned product: a sale price and how long it runs.
 * While it runs: the sale price, the struck regular price, the countdown
 * (the same on every viewer's page) and End deal. Afterwards the form is
 * back, with "Deal ended" so the host knows viewers see the regular price.
 */
export function DealControl({ deal, studioNow, currency, title }: DealControlProps) {
  const { startDeal, endDeal } = useLiveCommands();
  const [price, setPrice] = useState('');
  const [choice, setChoice] = useState<string>('60');
  const [custom, setCustom] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const priceId = useId();
  const phase = deal ? studioDealPhase(deal, studioNow) : null;

  const act = async (call: () => Promise<string | null>) => {
    setBusy(true);
    const message = await call();
    setBusy(false);
    setError(message);
    return message === null;
  };

  const start = async (event: FormEvent) => {
    event.preventDefault();
    const entry = readPriceEntry(price, currency);
    if (entry.kind === 'empty') return setError('Type the deal price.');
    if (entry.kind === 'bad') return setError(entry.message);
    let seconds = Number(choice);
    if (choice === CUSTOM) {
      const parsed = parseDealDuration(custom);
      if (!parsed.ok) return setError(parsed.message);
      seconds = parsed.seconds;
    }
    // Main gets the amount as read here, in the host's locale ("1299.00"), never the typed text.
    if (await act(() => startDeal(entry.value, seconds))) setPrice('');
  };

  if (deal && phase?.kind === 'running') {
    return (
      <div className="deal-bar is-running" data-testid="deal-running">
        <span className="deal-label">Flash deal</span>
        <span className="deal-price" data-testid="deal-price">
          {formatMoney(deal.price, deal.currency ?? currency)}
        </span>
        {deal.regularPrice !== null && <s className="compare-at">{formatMoney(deal.regularPrice, deal.currency ?? currency)}</s>}
        <span className="deal-countdown" data-testid="deal-countdown" role="timer" aria-label="Deal ends in">
          {formatCountdown(phase.remainingMs)}
        </span>
        {error && (
          <span className="pinned-error" role="alert">
            {error}
          </span>
        )}
        <span className="toolbar-spacer" />
        <button type="button" className="button button-small" disabled={busy} onClick={() => void act(endDeal)}>
          End deal
        </button>
      </div>
    );
  }

  return (
    <form className="deal-bar" onSubmit={(e) => void start(e)} aria-label={`Flash deal on ${title}`}>
      <label className="deal-label" htmlFor={priceId}>
        Flash deal
      </label>
      <input
        id={priceId}
        className="input deal-price-input"
        inputMode="decimal"
        autoComplete="off"
        placeholder="Sale price"
        aria-label="Deal price"
        value={price}
        maxLength={32}
        onChange={(e) => {
          setPrice(e.target.value);
          setError(null);
        }}
      />
      <PriceReading entry={readPriceEntry(price, currency)} hidden={error !== null} testId="deal-price-reading" />
      <select className="select" aria-label="Deal length" value={choice} onChange={(e) => setChoice(e.target.value)}>
        {DEAL_DURATIONS.map((d) => (
          <option key={d.seconds} value={String(d.seconds)}>
            {d.label}
          </option>
        ))}
        <option value={CUSTOM}>Custom…</option>
      </select>
      {choice === CUSTOM && (
        <input
          className="input deal-custom-input"
          aria-label="Custom deal length"
          placeholder="45 s, 3 min, 1:30"
          value={custom}
          onChange={(e) => {
            setCustom(e.target.value);
            setError(null);
          }}
        />
      )}
      <button type="submit" className="button button-small button-primary" disabled={busy}>
        Start deal
      </button>
      {phase?.kind === 'ended' && (
        <span className="deal-ended" data-testid="deal-ended" title="Viewers see the regular price again.">
          Deal ended
        </span>
      )}
      {error && (
        <span className="pinned-error" role="alert" title={error}>
          {error}
        </span>
      )}
    </form>
  );
}
