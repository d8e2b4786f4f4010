import { NavLink } from 'react-router-dom';

export interface TabLink {
  to: string;
  label: string;
  end?: boolean;
  danger?: boolean;
}

/** Tabs that are links: each tab has its own URL, so it can be bookmarked and shared. */
export function Tabs({ tabs, label }: { tabs: TabLink[]; label: string }) {
  return (
    <nav className="tabs" aria-label={label}>
      {tabs.map((tab) => (
        <NavLink key={tab.to} to={tab.to} end={tab.end} className={({ isActive }) => ['tab', tab.danger ? 'tab-danger' : '', isActive ? 'active' : ''].filter(Boolean).join(' ')}>
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
