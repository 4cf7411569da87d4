import { useEffect, useMemo, useState } from 'react';
import type { Claim } from '../../shared/domain/selling.js';
import { useStudio } from '../api/studio-context.js';
import { useRundown } from '../rundown/rundown-context.js';
import { formatCurrencyTotals, formatMoney } from '../ui/format.js';
import { CLAIM_FILTERS, claimProductLabel, claimTotals, STATUS_LABELS, visibleClaims, type ClaimFilter } from './claims-view.js';
import { downloadExportedFile } from '../ui/download.js';
import { checkoutSendText } from './checkout-view.js';
import { ClaimsCheckout } from './ClaimsCheckout.js';
import { ClaimsStock } from './ClaimsStock.js';
import { MoveClaimDialog, type MoveTarget } from './MoveClaimDialog.js';
import { useCheckouts } from './use-checkouts.js';
import { useClaims } from './use-claims.js';
import './claims.css';

/** Long shows: the newest few hundred are what a host scrolls; the CSV has them all. */
const MAX_ROWS = 500;

// One formatter for every row: claims arrive in bursts and the list re-renders with each.
const TIME_FORMAT = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const timeOf = (epochMs: number) => TIME_FORMAT.format(epochMs);

/**
 * Who claimed what in the active show ("sold", "claim M" in chat): status,
 * totals, Cancel and Move, and the CSV for invoicing. It sits as a tab next
 * to the chat, where the claims come from.
 */
export function ClaimsPanel({ focusClaimId = null }: { readonly focusClaimId?: number | null } = {}) {
  const studio = useStudio();
  const { rundown } = useRundown();
  const feed = useClaims(rundown?.show.id ?? null);
  const [filter, setFilter] = useState<ClaimFilter>('all');
  const [moving, setMoving] = useState<Claim | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [exporting, setExporting] = useState(false);
  const checkouts = useCheckouts(rundown?.show.id ?? null);
  const [sendingLinks, setSendingLinks] = useState(false);

  // "Cancelled …" fades after a few seconds; errors stay until the next action.
  useEffect(() => {
    if (notice?.kind !== 'ok') return;
    const timer = setTimeout(() => setNotice(null), 4000);
    return () => clearTimeout(timer);
  }, [notice]);

  const claims = useMemo(() => feed.state?.claims ?? [], [feed.state]);
  // "See the claim" (an auction's result): scroll to the row once it is listed.
  const focusListed = focusClaimId !== null && claims.some((c) => c.id === focusClaimId);
  useEffect(() => {
    if (!focusListed) return;
    setFilter('all');
    document.querySelector(`[data-claim-id="${focusClaimId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [focusListed, focusClaimId]);
  const shown = useMemo(() => visibleClaims(claims, filter), [claims, filter]);
  const totals = useMemo(() => claimTotals(claims), [claims]);
  const counts: Record<ClaimFilter, number> = { all: claims.length, confirmed: totals.confirmed, waitlisted: totals.waitlisted, cancelled: totals.cancelled };

  const cancel = async (claim: Claim) => {
    const result = await studio.cancelClaim({ claimId: claim.id });
    setNotice(result.ok ? { kind: 'ok', text: `Cancelled ${claim.viewerName}’s claim on ${claimProductLabel(claim)}.` } : { kind: 'error', text: result.error.message });
  };

  const move = async (claim: Claim, target: MoveTarget): Promise<string | null> => {
    const result = await studio.moveClaim({ claimId: claim.id, productId: target.productId, variantId: target.variantId });
    if (!result.ok) return result.error.message;
    const moved = result.value;
    setNotice({
      kind: 'ok',
      text: `${moved.viewerName}’s claim is now on ${claimProductLabel(moved)} (${STATUS_LABELS[moved.status].toLowerCase()}).`,
    });
    return null;
  };

  // Checkout links: one product's buyers (after it sold), or everyone (productId null).
  const sendLinks = async (productId: number | null) => {
    setSendingLinks(true);
    const result = await studio.sendCheckoutLinks({ productId });
    setSendingLinks(false);
    setNotice(result.ok ? checkoutSendText(result.value) : { kind: 'error', text: result.error.message });
  };

  const exportCsv = async () => {
    setExporting(true);
    const result = await studio.exportClaimsCsv({ showId: feed.state?.showId ?? null, all: false });
    setExporting(false);
    if (result.ok) downloadExportedFile(result.value);
    else setNotice({ kind: 'error', text: `Could not export the claims: ${result.error.message}` });
  };

  return (
    <div className="claims" data-testid="claims-panel">
      <div className="claims-toolbar">
        <div className="segmented segmented-small" role="group" aria-label="Show claims">
          {CLAIM_FILTERS.map((f) => (
            <button key={f.id} type="button" className="segmented-button" aria-pressed={filter === f.id} onClick={() => setFilter(f.id)}>
              {f.label}
              {counts[f.id] > 0 && <span className="count-pill">{counts[f.id]}</span>}
            </button>
          ))}
        </div>
        <span className="toolbar-spacer" />
        <button
          type="button"
          className="button button-small"
          disabled={exporting || totals.confirmed === 0}
          title="One row per confirmed claim: viewer, contact, product, SKU, variant, price paid, time"
          onClick={() => void exportCsv()}
        >
          {exporting ? 'Exporting…' : 'Export CSV'}
        </button>
      </div>
      {feed.state?.practice && (
        <p className="practice-note" data-testid="claims-practice-note">
          PRACTICE — these claims are rehearsal: never exported for invoicing, never counted as sales or against a real show’s stock.
        </p>
      )}
      <p className="claims-totals" data-testid="claims-totals">
        <span data-testid="claims-confirmed">{totals.confirmed.toLocaleString()} confirmed</span>
        {totals.waitlisted > 0 && <span data-testid="claims-waitlisted">{totals.waitlisted.toLocaleString()} on the waitlist</span>}
        <span className="claims-revenue" data-testid="claims-revenue">
          {`${feed.state?.practice ? 'Practice revenue (not sales)' : 'Revenue'} ${formatCurrencyTotals(totals.revenue)}`}
        </span>
      </p>
      <ClaimsStock stock={feed.state?.stock ?? []} sending={sendingLinks} onSendLinks={(productId) => void sendLinks(productId)} />
      <ClaimsCheckout state={checkouts.state} sending={sendingLinks} onSendAll={() => void sendLinks(null)} />
      {notice && (
        <p className={`claims-notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      {feed.loadError && (
        <p className="banner banner-error" role="alert">
          Could not load the claims: {feed.loadError}
        </p>
      )}
      {shown.length === 0 ? (
        <p className="claims-empty">
          {claims.length === 0
            ? 'No claims yet. While a product is pinned, viewers claim it by writing “sold” or “claim M” in the chat.'
            : 'No claims with this status.'}
        </p>
      ) : (
        <ul className="claims-list" aria-label="Claims">
          {shown.slice(0, MAX_ROWS).map((claim) => (
            <ClaimRow key={claim.id} claim={claim} onCancel={() => cancel(claim)} onMove={() => setMoving(claim)} />
          ))}
        </ul>
      )}
      {shown.length > MAX_ROWS && (
        <p className="claims-empty">Showing the newest {MAX_ROWS.toLocaleString()} of {shown.length.toLocaleString()} (Export CSV lists every confirmed claim).</p>
      )}
      {moving && <MoveClaimDialog claim={moving} stock={feed.state?.stock ?? []} onMove={(target) => move(moving, target)} onClose={() => setMoving(null)} />}
    </div>
  );
}

interface ClaimRowProps {
  readonly claim: Claim;
  readonly onCancel: () => Promise<void>;
  readonly onMove: () => void;
}

/** One claim. Cancel asks once, on the row (a cancel is final); no dialog in the middle of a show. */
function ClaimRow({ claim, onCancel, onMove }: ClaimRowProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const active = claim.status !== 'cancelled';
  return (
    <li className={`claim-row is-${claim.status}`} data-testid="claim-row" data-claim-id={claim.id} data-status={claim.status} data-viewer={claim.viewerName}>
      <div className="claim-main">
        <span className="claim-viewer clip" title={claim.viewerName}>
          {claim.viewerName}
        </span>
        <span className={`claim-chip chip-${claim.status}`} data-testid="claim-status">
          {STATUS_LABELS[claim.status]}
        </span>
        <span className="toolbar-spacer" />
        <span className="claim-price">{formatMoney(claim.pricePaid, claim.currency)}</span>
        <time className="claim-time muted" dateTime={new Date(claim.claimedAt).toISOString()}>
          {timeOf(claim.claimedAt)}
        </time>
      </div>
      <div className="claim-sub">
        <span className="claim-product clip" title={claimProductLabel(claim)}>
          {claimProductLabel(claim)}
        </span>
        {claim.dealId !== null && <span className="claim-deal">deal</span>}
      </div>
      {claim.contact && (
        <p className="claim-contact clip" data-testid="claim-contact" title="Where the viewer asked to be reached about this order (only you and your producers see it, never other viewers)">
          <span className="muted">Reach at </span>
          <span className="claim-contact-value">{claim.contact}</span>
        </p>
      )}
      {(claim.note || claim.text) && (
        <p className="claim-note muted clip" title={claim.note ?? claim.text}>
          {claim.note ?? `“${claim.text}”`}
        </p>
      )}
      {active && (
        <div className="claim-actions">
          {confirming ? (
            <>
              <span className="warn-text">Cancel this claim?</span>
              <button
                type="button"
                className="button button-danger button-small"
                disabled={busy}
                onClick={() => {
                  setBusy(true);
                  void onCancel().finally(() => {
                    setBusy(false);
                    setConfirming(false);
                  });
                }}
              >
                Yes, cancel
              </button>
              <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <>
              <button type="button" className="button button-small" onClick={onMove} aria-label={`Move ${claim.viewerName}’s claim`}>
                Move…
              </button>
              <button type="button" className="button button-small" onClick={() => setConfirming(true)} aria-label={`Cancel ${claim.viewerName}’s claim`}>
                Cancel
              </button>
            </>
          )}
        </div>
      )}
    </li>
  );
}
