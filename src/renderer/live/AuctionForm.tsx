import { useId, useState, type FormEvent, type RefObject } from 'react';
import { AUCTION_LIMITS } from '../../shared/auction/auction-rules.js';
import { AUCTION_DURATIONS, AUCTION_KEY, parseAuctionDuration, parseExtendSeconds } from './auction-view.js';
import type { AuctionStart } from './use-auctions.js';
import { formatMoney } from '../../shared/domain/money.js';
import { readPriceEntry } from '../ui/price-entry.js';
import { PriceReading } from '../ui/PriceReading.js';

export interface AuctionFormProps {
  readonly title: string;
  /** The pinned product's currency: prices are read and shown in it. */
  readonly currency: string | null;
  /** The last auction's choices, so a run of auctions needs one key and Enter each. */
  readonly last: AuctionStart | null;
  readonly priceRef: RefObject<HTMLInputElement | null>;
  start(request: AuctionStart): Promise<string | null>;
  close(): void;
}

const CUSTOM = 'custom';

/** Where the form starts: the last auction's choices, else a 20 s soft close with nothing typed. */
function initialChoice(last: AuctionStart | null): { choice: string; custom: string } {
  if (!last) return { choice: '20', custom: '' };
  if (AUCTION_DURATIONS.some((d) => d.seconds === last.durationSeconds)) return { choice: String(last.durationSeconds), custom: '' };
  return { choice: CUSTOM, custom: `${last.durationSeconds} s` };
}

/**
 * Starting an auction on the pinned product: the opening price, how long
 * (10 s / 20 s / 30 s / 1 min or a custom 5 s–10 min), soft close ("a late
 * bid adds N s") or sudden death, and an optional reserve. Enter starts it.
 */
export function AuctionForm({ title, currency, last, priceRef, start, close }: AuctionFormProps) {
  // The last price comes back as main keeps it ("1299"): shown the host's way so it reads back the same.
  const [price, setPrice] = useState(last ? formatMoney(last.startPrice, null) : '');
  const [{ choice, custom }, setDuration] = useState(() => initialChoice(last));
  const [mode, setMode] = useState<AuctionStart['mode']>(last?.mode ?? 'soft');
  const [extend, setExtend] = useState(String(last?.extendSeconds ?? AUCTION_LIMITS.defaultExtendSeconds));
  const [reserve, setReserve] = useState(last?.reserve ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const priceId = useId();
  const edited = () => setError(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const opening = readPriceEntry(price, currency);
    if (opening.kind === 'empty') return setError('Type the starting price.');
    if (opening.kind === 'bad') return setError(opening.message);
    const reserveEntry = readPriceEntry(reserve, currency);
    if (reserveEntry.kind === 'bad') return setError(`Reserve: ${reserveEntry.message}`);
    const duration = choice === CUSTOM ? parseAuctionDuration(custom) : { ok: true as const, seconds: Number(choice) };
    if (!duration.ok) return setError(duration.message);
    const extendSeconds = mode === 'soft' ? parseExtendSeconds(extend) : { ok: true as const, seconds: AUCTION_LIMITS.defaultExtendSeconds };
    if (!extendSeconds.ok) return setError(extendSeconds.message);
    setBusy(true);
    const message = await start({
      startPrice: opening.value,
      durationSeconds: duration.seconds,
      mode,
      extendSeconds: extendSeconds.seconds,
      reserve: reserveEntry.kind === 'ok' ? reserveEntry.value : null,
    });
    setBusy(false);
    setError(message);
  };

  return (
    <form
      className="deal-bar auction-bar"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
      }}
      aria-label={`Auction on ${title}`}
      data-testid="auction-form"
    >
      <label className="deal-label" htmlFor={priceId}>
        Auction
      </label>
      <input
        id={priceId}
        ref={priceRef}
        className="input deal-price-input"
        inputMode="decimal"
        autoComplete="off"
        placeholder="Starting price"
        aria-label="Starting price"
        value={price}
        maxLength={32}
        onChange={(e) => {
          setPrice(e.target.value);
          edited();
        }}
      />
      <PriceReading entry={readPriceEntry(price, currency)} hidden={error !== null} testId="auction-price-reading" />
      <select
        className="select"
        aria-label="Auction length"
        value={choice}
        onChange={(e) => {
          setDuration({ choice: e.target.value, custom });
          edited();
        }}
      >
        {AUCTION_DURATIONS.map((d) => (
          <option key={d.seconds} value={String(d.seconds)}>
            {d.label}
          </option>
        ))}
        <option value={CUSTOM}>Custom…</option>
      </select>
      {choice === CUSTOM && (
        <input
          className="input deal-custom-input"
          aria-label="Custom auction length"
          placeholder="45 s, 2 min, 1:30"
          title="5 seconds to 10 minutes"
          value={custom}
          onChange={(e) => {
            setDuration({ choice, custom: e.target.value });
            edited();
          }}
        />
      )}
      <select
        className="select"
        aria-label="Auction close"
        value={mode}
        title="Soft close: a bid in the last seconds puts the clock back, so nobody is sniped. Sudden death: the last bid before zero wins."
        onChange={(e) => {
          setMode(e.target.value === 'sudden-death' ? 'sudden-death' : 'soft');
          edited();
        }}
      >
        <option value="soft">Soft close</option>
        <option value="sudden-death">Sudden death</option>
      </select>
      {mode === 'soft' && (
        <label className="auction-extend" title="A bid in the last N seconds puts the clock back to N seconds.">
          adds
          <input
            className="input auction-seconds-input"
            inputMode="numeric"
            aria-label="Seconds a late bid adds"
            value={extend}
            maxLength={3}
            onChange={(e) => {
              setExtend(e.target.value);
              edited();
            }}
          />
          s
        </label>
      )}
      <input
        className="input deal-price-input"
        inputMode="decimal"
        autoComplete="off"
        placeholder="Reserve (optional)"
        aria-label="Reserve price"
        title="Not sold below this price. Viewers only see whether it is met."
        value={reserve}
        maxLength={32}
        onChange={(e) => {
          setReserve(e.target.value);
          edited();
        }}
      />
      <button type="submit" className="button button-small button-primary" disabled={busy} title={`Start the auction (Enter; ${AUCTION_KEY.toUpperCase()} opens this form)`}>
        Start auction
      </button>
      <button type="button" className="button button-small" onClick={close} title="Close without starting (Esc)">
        Close
      </button>
      {error && (
        <span className="pinned-error" role="alert" title={error}>
          {error}
        </span>
      )}
    </form>
  );
}

