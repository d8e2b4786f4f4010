import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

type Tone = 'danger' | 'warning' | 'success' | 'info';

const ICONS: Record<Tone, IconName> = { danger: 'x-octagon', warning: 'alert-triangle', success: 'check-circle', info: 'info' };

/** A framed message with an icon and a title: errors, warnings, confirmations. */
export function Callout({ tone, title, children, role, testId }: { tone: Tone; title?: ReactNode; children?: ReactNode; role?: 'alert' | 'status'; testId?: string }) {
  return (
    <div className={`callout callout-${tone}`} role={role} data-testid={testId}>
      <Icon name={ICONS[tone]} size={18} />
      <div className="callout-body">
        {title ? <div className="callout-title">{title}</div> : null}
        {children}
      </div>
    </div>
  );
}
