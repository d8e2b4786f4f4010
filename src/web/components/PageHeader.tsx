import type { ReactNode } from 'react';

/** The top of a page: where it is, its title, a line of explanation and its main actions. */
export function PageHeader({ crumbs, title, lede, actions }: { crumbs?: ReactNode; title: ReactNode; lede?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div className="titles">
        {crumbs ? <div className="breadcrumb">{crumbs}</div> : null}
        <h1>{title}</h1>
        {lede ? <p className="lede">{lede}</p> : null}
      </div>
      {actions ? <div className="row">{actions}</div> : null}
    </header>
  );
}
