import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { Icon } from './Icon';

interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

type Notify = (text: string, tone?: Notice['tone']) => void;

const NoticeContext = createContext<Notify>(() => {});

/** Short confirmations ("Run started") in a polite live region, gone after a few seconds. */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setNotices((all) => all.filter((n) => n.id !== id)), []);
  const notify = useCallback<Notify>(
    (text, tone = 'info') => {
      const id = next.current++;
      setNotices((all) => [...all.slice(-3), { id, text, tone }]);
      window.setTimeout(() => dismiss(id), tone === 'error' ? 10_000 : 5_000);
    },
    [dismiss],
  );
  const value = useMemo(() => notify, [notify]);
  return (
    <NoticeContext.Provider value={value}>
      {children}
      <div className="notices" role="status" aria-live="polite">
        {notices.map((n) => (
          <div key={n.id} className={n.tone === 'error' ? 'notice notice-error' : 'notice'} data-testid="notice">
            <span style={{ flex: 1 }}>{n.text}</span>
            <button type="button" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
              <Icon name="x" size={14} />
            </button>
          </div>
        ))}
      </div>
    </NoticeContext.Provider>
  );
}

export function useNotify(): Notify {
  return useContext(NoticeContext);
}
