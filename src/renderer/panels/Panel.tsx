import type { ReactNode } from 'react';

export interface PanelProps {
  readonly id: string;
  readonly title: string;
  readonly actions?: ReactNode;
  readonly children: ReactNode;
}

export function Panel({ id, title, actions, children }: PanelProps) {
  return (
    <section className={`panel panel-${id}`} aria-labelledby={`panel-${id}-title`} data-panel={id}>
      <header className="panel-header">
        <h2 id={`panel-${id}-title`}>{title}</h2>
        {actions && <div className="panel-actions">{actions}</div>}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
