import { CopyButton } from '../ui/CopyButton.js';

/** Where viewers watch, with Copy: the host pastes it into their shop, Instagram bio or a text message. */
export function ViewerLinks({ urls }: { urls: readonly string[] }) {
  if (urls.length === 0) return null;
  return (
    <section className="viewer-links" aria-label="Viewer links">
      <h3 className="stream-heading">{urls.length === 1 ? 'Viewer link' : 'Viewer links'}</h3>
      <ul className="link-list">
        {urls.map((url, i) => (
          <li key={url}>
            <code className="link-text viewer-link" data-testid="viewer-link" title={i === 0 ? url : `${url} (other devices on your network)`}>
              {url}
            </code>
            <CopyButton text={url} />
          </li>
        ))}
      </ul>
    </section>
  );
}
