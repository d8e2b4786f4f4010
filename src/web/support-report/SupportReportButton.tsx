import { useRef, useState } from 'react';
import { Icon } from '../components/Icon';
import { newSupportReportDraft, type SupportReportDraft } from './support-report-draft';
import { SupportReportDialog } from './SupportReportDialog';

/**
 * "Create a support report": opens the dialog filled with what the place knows (the integration,
 * a diagnosis's reference and days), all of it changeable there.
 */
export function SupportReportButton({ initial, className = 'btn', dataAction }: { initial: () => Partial<SupportReportDraft>; className?: string; dataAction?: string }) {
  const [draft, setDraft] = useState<SupportReportDraft | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const close = () => {
    setDraft(null);
    opener.current?.focus();
  };
  return (
    <>
      <button ref={opener} type="button" className={className} onClick={() => setDraft(newSupportReportDraft(initial()))} aria-haspopup="dialog" data-action={dataAction}>
        <Icon name="copy" size={14} /> Create a support report
      </button>
      {draft ? <SupportReportDialog initial={draft} onClose={close} /> : null}
    </>
  );
}
