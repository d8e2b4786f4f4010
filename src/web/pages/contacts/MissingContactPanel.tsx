import { Callout } from '../../components/Callout';

/** A reference with no imported contact, said plainly; the diagnosis below says why. */
export function MissingContactPanel({ sourceRef, scoped = false }: { sourceRef: string; scoped?: boolean }) {
  return (
    <Callout tone="warning" title={`Not imported: no contact has the reference “${sourceRef}”`} testId="not-imported">
      <p>
        {scoped
          ? 'The chosen integration has not imported a conversation with this reference. Below: why, and what to do about it.'
          : 'No integration of this workspace imported a conversation with this reference. Below: why, and what to do about it.'}
      </p>
    </Callout>
  );
}
