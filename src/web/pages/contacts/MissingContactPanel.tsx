import { Callout } from '../../components/Callout';

/** A reference with no imported contact, said plainly; the diagnosis below says why. */
export function MissingContactPanel({ sourceRef }: { sourceRef: string }) {
  return (
    <Callout tone="warning" title={`Not imported: no contact has the reference “${sourceRef}”`} testId="not-imported">
      <p>No integration of this workspace imported a conversation with this reference. Below: why, and what to do about it.</p>
    </Callout>
  );
}
