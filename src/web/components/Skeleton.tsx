/** Grey placeholders with the size of what is loading, so the page does not jump when it arrives. */
export function SkeletonRows({ rows = 4, columns }: { rows?: number; columns: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, r) => (
        <tr key={r} className="skeleton-row" aria-hidden="true">
          {Array.from({ length: columns }, (_, c) => (
            <td key={c}>
              <span className="skeleton" style={{ width: `${c === 0 ? 70 : 45 + ((r + c) % 3) * 15}%` }} />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}

export function SkeletonBlock({ lines = 3, height }: { lines?: number; height?: number }) {
  return (
    <div className="stack-sm" aria-hidden="true" style={height ? { minHeight: height } : undefined}>
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} className="skeleton" style={{ width: `${90 - ((i * 17) % 40)}%`, height: 14 }} />
      ))}
    </div>
  );
}

/** Announces loading to screen readers while skeletons show. */
export function LoadingLabel({ what }: { what: string }) {
  return (
    <span className="visually-hidden" role="status">
      Loading {what}…
    </span>
  );
}
