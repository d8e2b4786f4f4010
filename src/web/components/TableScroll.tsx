import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * The box a table sits in (a size container: lines across a row and narrow-window styles measure
 * it). When the table is wider than the window leaves it, the box scrolls sideways and becomes a
 * named region that the keyboard can focus and scroll with the arrow keys (WCAG 2.1.1), with a
 * hint that more columns follow; a table that fits stays a plain box, with no extra tab stop.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);

  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const measure = () => setScrolls(box.scrollWidth > box.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    for (const child of box.children) observer.observe(child);
    return () => observer.disconnect();
  }, []);

  return (
    <>
      <div
        ref={ref}
        className="table-wrap"
        role={scrolls ? 'region' : undefined}
        aria-label={scrolls ? `${label} (scrolls sideways)` : undefined}
        tabIndex={scrolls ? 0 : undefined}
        data-scrolls={scrolls ? 'true' : undefined}
      >
        {children}
      </div>
      {/* Said for the eyes; a screen reader hears it in the region's name. */}
      {scrolls ? (
        <p className="table-scroll-hint small muted" aria-hidden="true">
          Scroll sideways for more columns →
        </p>
      ) : null}
    </>
  );
}
