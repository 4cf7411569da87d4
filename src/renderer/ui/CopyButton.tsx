import { useEffect, useState } from 'react';

/** Copies `text` to the clipboard; says "Copied" (or, without clipboard access, that the text can be selected). */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
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
      // No clipboard permission (an insecure browser origin): the text is selectable.
      setCopied('failed');
    }
  };
  return (
    <button type="button" className="button button-small copy-button" onClick={() => void copy()} aria-label={`${label} ${text}`}>
      {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Select to copy' : label}
    </button>
  );
}
