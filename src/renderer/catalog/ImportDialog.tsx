import { useId } from 'react';
import { CATALOG_FORMATS } from '../../shared/domain/catalog.js';
import { Modal } from '../ui/Modal.js';
import { ColumnMappingEditor } from './ColumnMappingEditor.js';
import { FORMAT_LABELS } from './format-labels.js';
import { ImportOutcomeView, ImportProgressView } from './ImportProgressView.js';
import { ImportPreviewView } from './ImportPreviewView.js';
import { useCatalogImport, type FormatChoice } from './use-catalog-import.js';

/** Choose a product file, check the dry run, import with progress, read the report. */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const { state, chooseFile, setFormat, setMapping, start, cancel, dismissOutcome } = useCatalogImport();
  const fileId = useId();
  const formatId = useId();
  const running = state.run !== null;
  const busy = state.uploading !== null || state.previewing;
  const preview = state.preview;
  const canImport = preview !== null && !busy && !running && preview.report.products > 0;

  const footer = state.outcome ? (
    <>
      {state.outcome.phase !== 'done' && (
        <button type="button" className="button" onClick={dismissOutcome}>
          Back to preview
        </button>
      )}
      <button type="button" className="button button-primary" onClick={onClose}>
        {state.outcome.phase === 'done' ? 'Done' : 'Close'}
      </button>
    </>
  ) : running ? (
    <button
      type="button"
      className="button button-danger"
      // Saving is one transaction: once it has begun it finishes (in a moment) rather than stopping half-way.
      disabled={!state.run?.importId || state.run.cancelling || state.run.progress?.phase === 'saving'}
      onClick={() => void cancel()}
    >
      {state.run?.cancelling ? 'Cancelling…' : 'Cancel import'}
    </button>
  ) : (
    <>
      <button type="button" className="button" onClick={onClose}>
        Cancel
      </button>
      <button type="button" className="button button-primary" disabled={!canImport} onClick={() => void start()}>
        {preview ? `Import ${preview.report.products.toLocaleString()} products` : 'Import'}
      </button>
    </>
  );

  return (
    <Modal title="Import products" className="import-dialog" onClose={() => !running && onClose()} footer={footer}>
      {!state.outcome && !running && (
        <div className="import-source">
          <label className="field" htmlFor={fileId}>
            <span>Product file</span>
          </label>
          <input
            id={fileId}
            type="file"
            accept=".csv,.tsv,.txt,.xml"
            className="file-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void chooseFile(file);
            }}
          />
          <label className="field field-inline" htmlFor={formatId}>
            <span>Format</span>
            <select
              id={formatId}
              className="select"
              value={state.format}
              disabled={state.uploading !== null}
              onChange={(e) => setFormat(e.target.value as FormatChoice)}
            >
              <option value="auto">Auto-detect</option>
              {CATALOG_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {FORMAT_LABELS[f]}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}

      {!state.file && !state.outcome && (
        <p className="help">
          Export your products from Shopify (Products → Export), WooCommerce (Products → Export), a Google Merchant Center feed
          (TSV or XML), or any spreadsheet saved as CSV. You will see what will be imported before anything is saved.
        </p>
      )}

      {state.uploading !== null && (
        <div className="progress-block">
          <span>Sending the file to the studio…</span>
          <progress max={1} value={state.uploading} aria-label="Upload progress" />
        </div>
      )}
      {state.previewing && (
        <div className="progress-block" role="status">
          <span>Reading the file for the preview…</span>
          <progress aria-label="Preview progress" />
        </div>
      )}
      {state.error && (
        <p className="banner banner-error" role="alert">
          {state.error}
        </p>
      )}

      {running && state.run && <ImportProgressView run={state.run} />}
      {state.outcome && <ImportOutcomeView outcome={state.outcome} />}

      {preview && !running && !state.outcome && (
        <>
          <ImportPreviewView preview={preview} stale={state.previewing} />
          {preview.mapping && (
            <ColumnMappingEditor headers={preview.headers} mapping={preview.mapping} disabled={busy} onChange={setMapping} />
          )}
        </>
      )}
    </Modal>
  );
}
