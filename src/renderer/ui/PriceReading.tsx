import type { PriceEntry } from './price-entry.js';
/** What the price field reads as ("Reads as $1,299.00"), or why it cannot; nothing while empty. */
export function PriceReading({ entry, hidden, testId }: { entry: PriceEntry; hidden: boolean; testId: string }) {
  if (entry.kind === 'empty' || hidden) return null;
  return (
    <span className={entry.kind === 'ok' ? 'price-reading' : 'price-reading is-bad'} data-testid={testId} aria-live="polite">
      {entry.kind === 'ok' ? entry.reading : entry.message}
    </span>
  );
}
