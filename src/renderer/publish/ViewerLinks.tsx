import { useEffect, useState } from 'react';

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

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      // No clipboard permission (an insecure browser origin): the link is selectable text.
      setCopied('failed');
    }
  };
  return (
    <button type="button" className="button button-small copy-button" onClick={() => void copy()} aria-label={`Copy ${text}`}>
      {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Select to copy' : 'Copy'}
    </button>
  );
}
