import { useState } from 'react';
import {
  DESTINATION_ORIENTATIONS,
  ORIENTATION_LABELS,
  type DestinationOrientation,
  type DestinationStatus,
  type EgressOverview,
  type EncoderOverview,
} from '../../shared/domain/destinations.js';
import { useAbilities } from '../api/role-context.js';
import { useSampleStudioClock, useStudioNow } from '../api/studio-clock.js';
import { useStudio } from '../api/studio-context.js';
import { useStudioValue, type StudioValue } from '../api/studio-value.js';
import { destinationRow, type RowAction } from './destination-rows.js';

/** Where Settings → Destinations is (kept here too: publish/ does not import settings/). */
const DESTINATIONS_SETTINGS = '#settings/destinations';

/** Multistream as main last said (`getEgress`, then every `egressChanged`); its `now` keeps the studio clock. */
export function useEgress(): StudioValue<EgressOverview> {
  const sample = useSampleStudioClock();
  return useStudioValue({ event: 'egressChanged', read: (api) => api.getEgress(), onValue: (value) => sample(value.now) });
}

const ACTION_TEXT: Record<RowAction, string> = { start: 'Start', stop: 'Stop', reconnect: 'Reconnect now' };

/**
 * The Stream panel's Destinations block while the show is on air: each
 * destination's state (connecting, live, reconnecting in N s, failed with
 * the server's reason), its figures, and Stop / Start / Reconnect now for
 * the host. One destination's trouble never touches another's row.
 */
export function DestinationsBlock({ egress }: { egress: StudioValue<EgressOverview> }) {
  const overview = egress.value;
  const { role } = useAbilities();
  const host = role === 'host';
  const ticking = overview?.destinations.some((d) => d.state === 'live' || d.state === 'reconnecting') ?? false;
  const now = useStudioNow(ticking);
  if (!overview) return null;
  return (
    <section className="destinations" aria-label="Destinations" data-testid="destinations">
      <h3 className="stream-heading">Destinations</h3>
      <EncoderBanner encoder={overview.encoder} which="" />
      <EncoderBanner encoder={overview.verticalEncoder} which="vertical " />
      {overview.destinations.length === 0 ? (
        <p className="help destinations-empty" data-testid="destinations-empty">
          Only your watch page gets this show.{' '}
          {host ? (
            <>
              To go live on YouTube, Facebook, Twitch and others at the same time, <a href={DESTINATIONS_SETTINGS}>add them in Settings → Destinations</a>.
            </>
          ) : (
            'The host can add YouTube, Facebook, Twitch and others in Settings → Destinations.'
          )}
        </p>
      ) : (
        <ul className="destination-status-list">
          {overview.destinations.map((d) => (
            <DestinationStatusRow key={d.id} destination={d} now={now} showRunning={overview.showRunning} canAct={host} onAnswer={egress.set} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** An encoder in trouble (one per orientation: the other one's destinations go on). */
function EncoderBanner({ encoder, which }: { encoder: EncoderOverview | null; which: '' | 'vertical ' }) {
  if (!encoder || (encoder.state !== 'failed' && encoder.state !== 'restarting')) return null;
  return (
    <p className={`banner stream-banner ${encoder.state === 'failed' ? 'banner-error' : 'banner-warn'}`} role="alert">
      {encoder.state === 'failed' ? `The encoder for the ${which}destinations stopped` : `The encoder for the ${which}destinations is restarting`}
      {encoder.reason ? `: ${encoder.reason}` : '.'}
    </p>
  );
}

/** Before the show: where it will go besides the watch page (enabled destinations), with the way to Settings. */
export function DestinationsSummary({ overview }: { overview: EgressOverview | null }) {
  const { role } = useAbilities();
  if (!overview) return null;
  const names = overview.destinations.filter((d) => d.enabled).map((d) => d.name);
  return (
    <p className="help destinations-summary" data-testid="destinations-summary">
      {names.length > 0 ? `Also goes live on ${names.join(', ')}.` : 'Goes to your watch page only.'}{' '}
      {role === 'host' && <a href={DESTINATIONS_SETTINGS}>{names.length > 0 ? 'Destinations…' : 'Add YouTube, Facebook, Twitch…'}</a>}
    </p>
  );
}

function DestinationStatusRow({
  destination: d,
  now,
  showRunning,
  canAct,
  onAnswer,
}: {
  destination: DestinationStatus;
  now: number;
  showRunning: boolean;
  canAct: boolean;
  onAnswer: (overview: EgressOverview) => void;
}) {
  const studio = useStudio();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const row = destinationRow(d, now, showRunning);
  // A running destination moves to the other program at once (main restarts it on the SFU with the new orientation).
  const setOrientation = async (orientation: DestinationOrientation) => {
    setBusy(true);
    setError(null);
    const result = await studio.updateDestination({ id: d.id, orientation });
    setBusy(false);
    if (!result.ok) setError(result.error.message);
  };
  const act = async (action: RowAction) => {
    setBusy(true);
    setError(null);
    const input = { id: d.id };
    const result =
      action === 'start' ? await studio.startDestination(input) : action === 'stop' ? await studio.stopDestination(input) : await studio.reconnectDestination(input);
    setBusy(false);
    if (result.ok) onAnswer(result.value);
    else setError(result.error.message);
  };
  return (
    <li className={`destination-status destination-status-${row.tone}`} data-testid="destination-status" data-name={d.name} data-state={d.state}>
      <div className="destination-status-line">
        <span className="destination-status-name">{d.name}</span>
        {canAct ? (
          <select
            className="destination-orientation"
            aria-label={`Orientation: ${d.name}`}
            value={d.orientation}
            disabled={busy}
            onChange={(event) => void setOrientation(event.target.value as DestinationOrientation)}
          >
            {DESTINATION_ORIENTATIONS.map((o) => (
              <option key={o} value={o}>
                {ORIENTATION_LABELS[o]}
              </option>
            ))}
          </select>
        ) : (
          <span className="destination-orientation" data-testid="destination-orientation">
            {ORIENTATION_LABELS[d.orientation]}
          </span>
        )}
        <span className="destination-status-state" data-testid="destination-state">
          {row.label}
        </span>
      </div>
      {row.detail && (
        <p className="destination-status-detail" data-testid="destination-detail">
          {row.detail}
        </p>
      )}
      {(row.figures.length > 0 || (canAct && row.actions.length > 0)) && (
        <div className="destination-status-foot">
          {row.figures.length > 0 && (
            <dl className="destination-figures">
              {row.figures.map((f) => (
                <div key={f.key} data-testid={`destination-${f.key}`}>
                  <dt>{f.label}</dt>
                  <dd>{f.value}</dd>
                </div>
              ))}
            </dl>
          )}
          {canAct && row.actions.length > 0 && (
            <div className="destination-status-actions">
              {row.actions.map((action) => (
                <button
                  key={action}
                  type="button"
                  className={`button button-small${action === 'stop' ? ' button-danger-quiet' : ''}`}
                  disabled={busy}
                  aria-label={`${ACTION_TEXT[action]}: ${d.name}`}
                  onClick={() => void act(action)}
                >
                  {ACTION_TEXT[action]}
                </button>
              ))}
            </div>
          )}
        </div>
      )}
      {error && (
        <p className="destination-status-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
