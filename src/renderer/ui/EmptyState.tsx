import type { ReactNode } from 'react';

/** What a panel shows when it has nothing yet: a title and one line on how to fill it. */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-state-title">{title}</p>
      <p className="empty-state-text">{children}</p>
    </div>
  );
}
