import type { UploadPreviewView } from '../../../api/types';
import { OutcomePill } from '../../../components/OutcomePill';
import { TableScroll } from '../../../components/TableScroll';
import { reasonLabel } from '../../../format/decision-words';

/** The first rows, each decided as the import would decide it. */
export function UploadPreviewTable({ preview }: { preview: UploadPreviewView }) {
  return (
    <>
      <TableScroll label="Preview of the first rows">
        <table className="table" data-testid="upload-preview">
          <caption className="visually-hidden">The first rows of {preview.fileName}, decided as the import would decide them</caption>
          <thead>
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Would be</th>
              <th scope="col">Why</th>
              <th scope="col">Read as</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, i) => (
              <tr key={`${row.sourceRef}-${i}`}>
                <td>{row.sourceRef}</td>
                <td>
                  <OutcomePill outcome={row.outcome} />
                </td>
                <td className="break">
                  {row.outcome === 'failed' ? `${row.location ?? ''}: \`${row.field ?? ''}\` ${row.message ?? ''}` : row.reason ? reasonLabel(row.reason) : ''}
                </td>
                <td className="break muted">
                  {row.values ? Object.entries(row.values).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0)).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`).join(' · ') : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {preview.more ? (
        <p className="small muted" data-testid="upload-preview-more">
          The file goes on after these {preview.rows.length} rows: the preview reads no further, and the import decides the rest.
        </p>
      ) : null}
    </>
  );
}
