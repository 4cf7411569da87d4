import { useState } from 'react';
import { PICTURE_FAILURES_SHOWN, type PictureState } from '../../shared/domain/pictures.js';
import { useStudio } from '../api/studio-context.js';
import './pictures.css';
import { useStudioValue } from '../api/studio-value.js';

/**
 * The catalog's pictures as the studio keeps them (src/main/media): how many
 * are fetched while an import's pictures come in, and each product whose
 * picture could not be fetched, with the reason and a Retry (one or all).
 * Product text and reasons are shown as text only.
 */
export function PicturesStatus() {
  const studio = useStudio();
  const pictures = useStudioValue({ event: 'picturesChanged', read: (api) => api.getPictures() });
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const state = pictures.value;
  if (!state || state.progress.total === 0) return null;
  const { progress, failures } = state;
  // Products whose picture failed; one the host gave its own picture to is not counted.
  const failed = failures.length < PICTURE_FAILURES_SHOWN ? failures.length : progress.failed;

  const retry = async (productId: number | null) => {
    const r = await studio.retryPictures({ productId });
    if (r.ok) {
      pictures.set(r.value);
      setError(null);
    } else setError(r.error.message);
  };

  return (
    <div className="pictures-status" data-testid="pictures-status">
      {progress.waiting > 0 && (
        <p className="pictures-line" role="status" aria-live="polite">
          Fetching product pictures: {(progress.ready + progress.failed).toLocaleString()} of {progress.total.toLocaleString()}
          <progress max={progress.total} value={progress.ready + progress.failed} aria-label="Pictures fetched" />
        </p>
      )}
      {failed > 0 && (
        <div className="pictures-line pictures-failed" role="status">
          {/* One short line above the catalog (a laptop has little height); what to do is in "Show which". */}
          <span>{failed === 1 ? '1 picture' : `${failed.toLocaleString()} pictures`} could not be fetched.</span>{' '}
          <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'Hide' : 'Show which'}
          </button>{' '}
          <button type="button" className="button button-small" onClick={() => void retry(null)}>
            Retry all
          </button>
          {open && (
            <>
              <p className="pictures-help">
                The card shows no picture for {failures.length === 1 ? 'that product' : 'those products'} until you fix the address in your store and
                retry, or drop a picture on the product.
              </p>
              <FailureList failures={failures} onRetry={(id) => void retry(id)} />
            </>
          )}
        </div>
      )}
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function FailureList({ failures, onRetry }: { failures: PictureState['failures']; onRetry: (productId: number) => void }) {
  return (
    <ul className="picture-failures" aria-label="Pictures not fetched">
      {failures.map((f) => (
        <li key={f.productId}>
          <strong>{f.title}</strong>: {f.reason}{' '}
          <button type="button" className="link-button" onClick={() => onRetry(f.productId)}>
            Retry
          </button>
        </li>
      ))}
    </ul>
  );
}
