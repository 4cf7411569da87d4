import { useId, useState, type FormEvent } from 'react';
import type { Giveaway, GiveawaysState } from '../../shared/domain/giveaways.js';
import type { Result } from '../../shared/api/result.js';
import { useStudio } from '../api/studio-context.js';
import { useStudioValue } from '../api/studio-value.js';
import { downloadExportedFile } from '../ui/download.js';
import './giveaways.css';

export const DEFAULT_GIVEAWAY_RULES =
  'No purchase necessary. One entry per viewer. Open to viewers watching this show; the host and moderators cannot enter. ' +
  'The winner is drawn at random when entries close and announced live; the draw can be verified with the fairness code published when the giveaway opens, the seed revealed at the draw and the exported entry list.';

export interface GiveawayControlProps {
  /** The current rundown item's title when it is a giveaway segment: offered as the prize. */
  readonly suggestedPrize: string | null;
}

/**
 * The show's giveaway: a form to start one (prize, chat keyword, the watch
 * page's Enter button, rules, minimum watching time), the live entry count,
 * "Close entries and draw", and the result with its commitment and seed
 * and the exported entry list anyone can check (docs/giveaways.md).
 */
export function GiveawayControl({ suggestedPrize }: GiveawayControlProps) {
  const studio = useStudio();
  const giveaways = useStudioValue({ event: 'giveawaysChanged', read: (api) => api.getGiveaways({ showId: null }) });
  const [formOpen, setFormOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = giveaways.value?.current ?? null;
  const live = current && (current.status === 'open' || current.status === 'closed') ? current : null;
  // A giveaway segment on air offers its title as the prize, until that giveaway has been drawn.
  const offered = suggestedPrize !== null && !(current?.status === 'drawn' && current.prize === suggestedPrize) ? suggestedPrize : null;

  const act = async (call: () => Promise<Result<GiveawaysState>>) => {
    setBusy(true);
    const result = await call();
    setBusy(false);
    if (result.ok) giveaways.set(result.value);
    setError(result.ok ? null : result.error.message);
    return result.ok;
  };

  const exportEntries = async (g: Giveaway) => {
    const result = await studio.exportGiveawayEntries({ giveawayId: g.id });
    if (result.ok) downloadExportedFile(result.value);
    else setError(`Could not export the entry list: ${result.error.message}`);
  };

  return (
    <section className="giveaway" aria-label="Giveaway" data-testid="giveaway-control">
      {live ? (
        <OpenGiveaway
          giveaway={live}
          busy={busy}
          onDraw={() => void act(() => studio.drawGiveaway())}
          onCancel={() => void act(() => studio.cancelGiveaway())}
        />
      ) : formOpen || offered !== null ? (
        <StartForm
          key={offered ?? ''}
          suggestedPrize={offered}
          busy={busy}
          onStart={async (input) => {
            if (await act(() => studio.startGiveaway(input))) setFormOpen(false);
          }}
          onClose={offered === null ? () => setFormOpen(false) : null}
        />
      ) : (
        <div className="giveaway-row">
          <span className="giveaway-label">Giveaway</span>
          <span className="toolbar-spacer" />
          <button type="button" className="button button-small" onClick={() => setFormOpen(true)}>
            New giveaway…
          </button>
        </div>
      )}
      {!live && current?.status === 'drawn' && <GiveawayResult giveaway={current} onExport={() => void exportEntries(current)} />}
      {(error ?? giveaways.error) && (
        <p className="giveaway-error" role="alert">
          {error ?? giveaways.error}
        </p>
      )}
    </section>
  );
}

function OpenGiveaway({ giveaway, busy, onDraw, onCancel }: { giveaway: Giveaway; busy: boolean; onDraw: () => void; onCancel: () => void }) {
  const ways = [giveaway.keyword !== null ? `type “${giveaway.keyword}” in chat` : null, giveaway.buttonEntry ? 'Enter button' : null].filter(Boolean);
  return (
    <div className="giveaway-open" data-testid="giveaway-open">
      <div className="giveaway-row">
        <span className="giveaway-label">Giveaway</span>
        <strong className="giveaway-prize">{giveaway.prize}</strong>
        <span className="giveaway-entries" data-testid="giveaway-entries" aria-live="polite">
          {giveaway.entries} {giveaway.entries === 1 ? 'entry' : 'entries'}
        </span>
      </div>
      <p className="giveaway-hint">
        Viewers enter: {ways.join(' or ')}
        {giveaway.minWatchMinutes !== null && ` · watching ${giveaway.minWatchMinutes} min or more`}
      </p>
      {giveaway.status === 'closed' ? (
        <p className="giveaway-hint">Entries closed. Drawing… (commitment {giveaway.commitment?.slice(0, 12)}…)</p>
      ) : (
        <div className="giveaway-row">
          <button type="button" className="button button-small button-primary" disabled={busy} onClick={onDraw}>
            Close entries and draw
          </button>
          <button type="button" className="button button-small" disabled={busy} onClick={onCancel}>
            Cancel giveaway
          </button>
        </div>
      )}
    </div>
  );
}

interface StartInput {
  prize: string;
  keyword: string | null;
  buttonEntry: boolean;
  rules: string;
  minWatchMinutes: number | null;
}

function StartForm(props: { suggestedPrize: string | null; busy: boolean; onStart: (input: StartInput) => Promise<void>; onClose: (() => void) | null }) {
  const [prize, setPrize] = useState(props.suggestedPrize ?? '');
  const [keyword, setKeyword] = useState('enter');
  const [buttonEntry, setButtonEntry] = useState(true);
  const [rules, setRules] = useState(DEFAULT_GIVEAWAY_RULES);
  const [minutes, setMinutes] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (prize.trim() === '') return setProblem('Name the prize.');
    const word = keyword.trim();
    if (word === '' && !buttonEntry) return setProblem('Viewers need a way to enter: type a chat keyword or turn on the Enter button.');
    let minWatchMinutes: number | null = null;
    if (minutes.trim() !== '') {
      const n = Number(minutes.trim());
      if (!Number.isInteger(n) || n < 1 || n > 600) return setProblem('Minimum watching time: a whole number of minutes from 1 to 600, or leave it empty.');
      minWatchMinutes = n;
    }
    setProblem(null);
    void props.onStart({ prize: prize.trim(), keyword: word === '' ? null : word, buttonEntry, rules: rules.trim(), minWatchMinutes });
  };

  return (
    <form className="giveaway-form" onSubmit={submit} aria-label="Start a giveaway">
      <div className="giveaway-row">
        <span className="giveaway-label">New giveaway</span>
        <span className="toolbar-spacer" />
        {props.onClose && (
          <button type="button" className="button button-small button-ghost" onClick={props.onClose}>
            Close
          </button>
        )}
      </div>
      <label htmlFor={`${id}-prize`}>Prize</label>
      <input id={`${id}-prize`} className="input" value={prize} maxLength={200} placeholder="Tote bag" onChange={(e) => setPrize(e.target.value)} />
      <label htmlFor={`${id}-keyword`}>Chat keyword</label>
      <input
        id={`${id}-keyword`}
        className="input"
        value={keyword}
        maxLength={40}
        placeholder="empty: the Enter button only"
        onChange={(e) => setKeyword(e.target.value)}
      />
      <label className="giveaway-check">
        <input type="checkbox" checked={buttonEntry} onChange={(e) => setButtonEntry(e.target.checked)} /> Enter button on the watch page
      </label>
      <label htmlFor={`${id}-minutes`}>Minimum watching time (minutes)</label>
      <input
        id={`${id}-minutes`}
        className="input giveaway-minutes"
        inputMode="numeric"
        value={minutes}
        placeholder="none"
        onChange={(e) => setMinutes(e.target.value)}
      />
      <label htmlFor={`${id}-rules`}>Rules viewers see</label>
      <textarea id={`${id}-rules`} className="input giveaway-rules" rows={3} maxLength={2000} value={rules} onChange={(e) => setRules(e.target.value)} />
      {problem && (
        <p className="giveaway-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="button button-small button-primary" disabled={props.busy}>
        Start giveaway
      </button>
    </form>
  );
}

function GiveawayResult({ giveaway, onExport }: { giveaway: Giveaway; onExport: () => void }) {
  return (
    <div className="giveaway-result" data-testid="giveaway-result">
      <p>
        <strong data-testid="giveaway-winner">{giveaway.winner?.name}</strong> won {giveaway.prize} ({giveaway.entries}{' '}
        {giveaway.entries === 1 ? 'entry' : 'entries'}).
      </p>
      <dl className="giveaway-proof">
        <dt>Commitment (published when the giveaway opened)</dt>
        <dd data-testid="giveaway-commitment">{giveaway.commitment}</dd>
        <dt>Seed (revealed)</dt>
        <dd data-testid="giveaway-seed">{giveaway.seed}</dd>
      </dl>
      <button type="button" className="button button-small" onClick={onExport}>
        Export entry list
      </button>
    </div>
  );
}
