import { useRef, useState, type DragEvent } from 'react';
import { Link } from 'react-router-dom';
import { usePlatform } from '../../../api/platforms';
import { useUploadFile, useUploadPreview } from '../../../api/uploads';
import type { UploadPreviewView } from '../../../api/types';
import { Callout } from '../../../components/Callout';
import { FormError } from '../../../components/FormError';
import { useCurrentIntegration } from '../detail/integration-outlet';
import { draftFrom, MappingForm, type MappingDraft } from './MappingForm';
import { UploadPreviewTable } from './UploadPreviewTable';

/** Upload a CSV or JSON Lines file: choose or drop it, check the mapping and the preview, import it. */
export function UploadTab() {
  const integration = useCurrentIntegration();
  const platform = usePlatform(integration.platform);
  const preview = useUploadPreview(integration.id);
  const upload = useUploadFile(integration.id);
  const [file, setFile] = useState<File | null>(null);
  const [draft, setDraft] = useState<MappingDraft | null>(null);
  const [shown, setShown] = useState<UploadPreviewView | null>(null);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  if (platform && !platform.capabilities.uploads) {
    return (
      <Callout tone="info" title="No uploads on this platform">
        <p>{platform.name} reads its contacts itself; files are uploaded to a file integration.</p>
      </Callout>
    );
  }

  const connectionOf = (d: MappingDraft) => ({ mapping: d.mapping, timeZone: d.timeZone, dateOrder: d.dateOrder });
  const choose = (chosen: File | undefined) => {
    if (!chosen) return;
    setFile(chosen);
    setShown(null);
    upload.reset();
    preview.mutate(
      { file: chosen },
      {
        onSuccess: (result) => {
          setShown(result);
          setDraft(draftFrom(result));
        },
      },
    );
  };
  const again = () => {
    if (!file || !draft) return;
    preview.mutate({ file, connection: connectionOf(draft) }, { onSuccess: (result) => setShown(result) });
  };
  const start = () => {
    if (!file || !draft) return;
    upload.mutate({ file, connection: connectionOf(draft) });
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files[0]);
  };
  const run = upload.data;

  return (
    <div className="stack">
      <section className="card" aria-labelledby="upload-file-title">
        <h2 id="upload-file-title">Upload a file</h2>
        <div
          className={`drop-zone${dragging ? ' drop-zone-active' : ''}`}
          data-testid="drop-zone"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <p>Drop a CSV or JSON Lines file here (UTF-8 or Latin-1, any size), or</p>
          <label className="btn" htmlFor="upload-file-input">
            Choose a file
          </label>
          <input
            ref={input}
            id="upload-file-input"
            className="visually-hidden"
            type="file"
            accept=".csv,.tsv,.txt,.jsonl,.ndjson,text/csv,application/x-ndjson"
            onChange={(e) => {
              choose(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
          {file ? <p className="muted">Chosen: {file.name}</p> : null}
        </div>
        {preview.isPending ? <p role="status">Reading the first rows…</p> : null}
        <FormError error={preview.error} />
      </section>

      {shown && draft ? (
        <section className="card" aria-labelledby="upload-mapping-title">
          <h2 id="upload-mapping-title">Columns</h2>
          <p className="muted">
            {shown.fileName}: {shown.format === 'jsonl' ? 'JSON Lines' : `CSV separated by “${shown.delimiter === '\t' ? 'tab' : shown.delimiter}”`}, {shown.encoding === 'windows-1252' ? 'Latin-1' : shown.encoding.toUpperCase()}, {shown.columns.length} columns. Columns not mapped are kept as each contact’s metadata.
          </p>
          <MappingForm preview={shown} draft={draft} onChange={setDraft} />
          <div className="row">
            <button type="button" className="btn" onClick={again} disabled={preview.isPending}>
              Preview with this mapping
            </button>
          </div>
        </section>
      ) : null}

      {shown && shown.problems.length === 0 ? (
        <section className="card" aria-labelledby="upload-preview-title">
          <h2 id="upload-preview-title">Preview</h2>
          <p className="muted">The first rows, decided as the import would decide them. Nothing is written until you import.</p>
          <UploadPreviewTable preview={shown} />
          <div className="row">
            <button type="button" className="btn btn-primary" onClick={start} disabled={upload.isPending || preview.isPending}>
              {upload.isPending ? 'Importing…' : `Import ${shown.fileName}`}
            </button>
          </div>
          <FormError error={upload.error} />
        </section>
      ) : null}

      {run ? (
        <Callout tone={run.status === 'succeeded' ? 'success' : 'warning'} title={`${run.fileName ?? 'The file'} imported`} role="status" testId="upload-result">
          <p>
            {run.counts.seen} rows: {run.counts.imported} imported, {run.counts.updated} updated, {run.counts.unchanged} unchanged, {run.counts.excluded} excluded, {run.counts.failed} failed.{' '}
            <Link to={`/runs/${encodeURIComponent(run.id)}`}>See each row’s decision</Link>
            {run.counts.failed > 0 ? '. Correct the failed rows and upload the file again: rows already imported stay as they are.' : '.'}
          </p>
        </Callout>
      ) : null}
    </div>
  );
}
