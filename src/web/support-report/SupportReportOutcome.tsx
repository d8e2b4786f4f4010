import { useEffect, useState } from 'react';
import { Callout } from '../components/Callout';
import { Icon } from '../components/Icon';

type Copied = 'pending' | 'yes' | 'blocked';

/**
 * A support report just made: copied to the clipboard when the browser allows it, always
 * downloadable, and shown to select by hand when copying is blocked.
 */
export function SupportReportOutcome({ markdown }: { markdown: string | undefined }) {
  const [copied, setCopied] = useState<Copied>('pending');
  const [url, setUrl] = useState<string | null>(null);

  useEffect(() => {
    if (!markdown) return;
    setCopied('pending');
    const objectUrl = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown' }));
    setUrl(objectUrl);
    let live = true;
    const copy = navigator.clipboard?.writeText ? navigator.clipboard.writeText(markdown) : Promise.reject(new Error('no clipboard'));
    copy.then(
      () => live && setCopied('yes'),
      () => live && setCopied('blocked'),
    );
    return () => {
      live = false;
      URL.revokeObjectURL(objectUrl);
    };
  }, [markdown]);

  if (!markdown) return null;
  const download = url ? (
    <a href={url} download="support-report.md" className="btn btn-sm" data-testid="support-report-download">
      <Icon name="download" size={14} /> Download support-report.md
    </a>
  ) : null;
  if (copied === 'blocked') {
    return (
      <Callout tone="info" title="The support report is ready" role="status" testId="support-report">
        <p>Your browser did not let Intake copy it. Download it, or select the text below and copy it yourself, then attach it to your support ticket.</p>
        <div>{download}</div>
        <label className="field-label" htmlFor="support-report-text">
          Support report (Markdown)
        </label>
        <textarea id="support-report-text" className="input mono report-text" readOnly value={markdown} onFocus={(e) => e.target.select()} />
      </Callout>
    );
  }
  return (
    <Callout tone="success" title={copied === 'yes' ? 'Support report copied to the clipboard' : 'Support report ready'} role="status" testId="support-report">
      <p>Paste it into your support ticket, or attach the file. It holds the integration's status and settings history, its runs and volume over the days chosen and the diagnosis of each reference — never a credential.</p>
      <div>{download}</div>
    </Callout>
  );
}
