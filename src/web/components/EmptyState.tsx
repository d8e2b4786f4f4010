import type { ReactNode } from 'react';

export function EmptyState({ title, children, actions }: { title: string; children?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="empty" data-testid="empty-state">
      <h2>{title}</h2>
      {children}
      {actions ? <div className="row" style={{ justifyContent: 'center' }}>{actions}</div> : null}
    </div>
  );
}
