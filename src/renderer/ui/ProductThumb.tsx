import { useState } from 'react';
import { imageSrc } from './safe-url.js';

/** A product photo from the seller's store, or a neutral tile when there is none (or it fails to load). */
export function ProductThumb({ url, alt = '', size = 'small' }: { url: string | null; alt?: string; size?: 'small' | 'large' }) {
  const src = imageSrc(url);
  const [failed, setFailed] = useState<string | null>(null);
  if (!src || failed === src) return <span className={`thumb thumb-${size} thumb-empty`} aria-hidden="true" />;
  return (
    <img
      className={`thumb thumb-${size}`}
      src={src}
      alt={alt}
      referrerPolicy="no-referrer"
      loading="lazy"
      decoding="async"
      onError={() => setFailed(src)}
    />
  );
}
