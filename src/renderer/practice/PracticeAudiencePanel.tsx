import { useEffect, useRef, useState } from 'react';
import { DEFAULT_PRACTICE_DIALS, PRACTICE_LIMITS, type PracticeDials } from '../../shared/domain/practice.js';
import type { Result } from '../../shared/api/result.js';
import type { PracticeAudienceState } from '../../shared/domain/practice.js';
import { useStudio } from '../api/studio-context.js';
import { usePracticeAudience } from './use-practice-audience.js';
import './practice.css';

/** Dial changes reach main after the slider rests this long (a drag is one change). */
const APPLY_AFTER_MS = 250;

interface DialSpec {
  readonly key: keyof PracticeDials;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly unit: string;
}

const DIALS: readonly DialSpec[] = [
  { key: 'viewers', label: 'Viewers', ...PRACTICE_LIMITS.viewers, unit: '' },
  { key: 'messagesPerMinute', label: 'Chat pace', ...PRACTICE_LIMITS.messagesPerMinute, unit: '/min' },
  { key: 'questionPercent', label: 'Questions', ...PRACTICE_LIMITS.percent, unit: '%' },
  { key: 'claimPercent', label: 'Claims', ...PRACTICE_LIMITS.percent, unit: '%' },
  { key: 'bidPercent', label: 'Bids (in auctions)', ...PRACTICE_LIMITS.percent, unit: '%' },
];

/**
 * The Practice audience: only in a practice show. The host dials in the
 * simulated viewers (real connections to the show's SFU) and starts or
 * stops them; changes apply live while they run.
 */
export function PracticeAudiencePanel() {
  const studio = useStudio();
  const audience = usePracticeAudience();
  const state = audience.value;
  const [draft, setDraft] = useState<PracticeDials>(DEFAULT_PRACTICE_DIALS);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const synced = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The dials start from main's (another window may have set them).
  useEffect(() => {
    if (state && !synced.current) {
      synced.current = true;
      setDraft(state.dials);
    }
  }, [state]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  if (!state?.show?.practice) return null;

  const take = (result: Result<PracticeAudienceState>) => {
    if (result.ok) {
      audience.set(result.value);
      setError(null);
    } else setError(result.error.message);
  };
  const change = (key: keyof PracticeDials, value: number) => {
    const next = { ...draft, [key]: value };
    setDraft(next);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void studio.updatePracticeAudience(next).then(take), APPLY_AFTER_MS);
  };
  const start = async () => {
    setBusy(true);
    if (timer.current) clearTimeout(timer.current);
    take(await studio.startPracticeAudience(draft));
    setBusy(false);
  };
  const stop = async () => {
    setBusy(true);
    take(await studio.stopPracticeAudience());
    setBusy(false);
  };
  const { sent } = state;
  return (
    <section className="practice-audience" aria-labelledby="practice-audience-title" data-testid="practice-audience">
      <h3 id="practice-audience-title">Practice audience</h3>
      <div className="practice-dials">
        {DIALS.map((dial) => (
          <label key={dial.key} className="practice-dial">
            <span>
              {dial.label}{' '}
              <output data-testid={`practice-dial-${dial.key}`}>
                {draft[dial.key]}
                {dial.unit}
              </output>
            </span>
            <input
              type="range"
              aria-label={dial.label}
              min={dial.min}
              max={dial.max}
              value={draft[dial.key]}
              onChange={(e) => change(dial.key, Number(e.target.value))}
            />
          </label>
        ))}
      </div>
      <div className="practice-audience-actions">
        {state.running ? (
          <button type="button" className="button button-small" disabled={busy} onClick={() => void stop()}>
            Stop audience
          </button>
        ) : (
          <button type="button" className="button button-primary button-small" disabled={busy} onClick={() => void start()}>
            Start audience
          </button>
        )}
        <p className="practice-counts" role="status" data-testid="practice-counts">
          {state.running || state.connected > 0 ? `${state.connected} of ${state.dials.viewers} connected` : 'Not running'}
          {state.joining > 0 ? ` · ${state.joining} joining` : ''} · <span data-testid="practice-sent">{sent.messages} messages sent</span>
          {sent.claims > 0 ? ` · ${sent.claims} claims` : ''}
          {sent.bids > 0 ? ` · ${sent.bids} bids` : ''}
          {sent.giveawayEntries > 0 ? ` · ${sent.giveawayEntries} giveaway entries` : ''}
        </p>
      </div>
      {(error ?? state.problem) && (
        <p className="practice-problem" role="alert">
          {error ?? state.problem}
        </p>
      )}
    </section>
  );
}
