import { useCallback, useId, useLayoutEffect, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

export interface TooltipTriggerProps {
  ref: (element: HTMLElement | null) => void;
  onMouseEnter: () => void;
  onMouseLeave: () => void;
  onFocus: () => void;
  onBlur: () => void;
  onKeyDown: (event: React.KeyboardEvent) => void;
  'aria-describedby': string;
}

const WIDTH = 340;

/**
 * Shows `content` while the trigger is hovered or focused (Escape hides it). The tooltip is
 * rendered in a portal with fixed position, so a table's overflow never clips it; it stays in
 * the document (hidden) so screen readers read it as the trigger's description.
 */
export function Tooltip({ content, children }: { content: ReactNode; children: (props: TooltipTriggerProps) => ReactElement }) {
  const id = useId();
  const trigger = useRef<HTMLElement | null>(null);
  const tip = useRef<HTMLDivElement | null>(null);
  const [open, setOpen] = useState(false);
  const [position, setPosition] = useState({ top: 0, left: 0 });

  useLayoutEffect(() => {
    if (!open || !trigger.current) return;
    const rect = trigger.current.getBoundingClientRect();
    const height = tip.current?.offsetHeight ?? 0;
    const below = rect.bottom + 8;
    const top = below + height > window.innerHeight - 8 ? Math.max(8, rect.top - height - 8) : below;
    const left = Math.min(Math.max(8, rect.left), window.innerWidth - Math.min(WIDTH, window.innerWidth - 16) - 8);
    setPosition({ top, left });
  }, [open]);

  const setRef = useCallback((element: HTMLElement | null) => {
    trigger.current = element;
  }, []);

  const props: TooltipTriggerProps = {
    ref: setRef,
    onMouseEnter: () => setOpen(true),
    onMouseLeave: () => setOpen(false),
    onFocus: () => setOpen(true),
    onBlur: () => setOpen(false),
    onKeyDown: (event) => {
      if (event.key === 'Escape') setOpen(false);
    },
    'aria-describedby': id,
  };

  return (
    <>
      {children(props)}
      {createPortal(
        <div id={id} ref={tip} role="tooltip" className="tooltip" hidden={!open} style={{ top: position.top, left: position.left }}>
          {content}
        </div>,
        document.body,
      )}
    </>
  );
}
