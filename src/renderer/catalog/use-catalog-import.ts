import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportSource } from '../../shared/api/contract/catalog.js';
import type { CatalogFormat, ColumnMapping, ImportPreview, ImportProgress } from '../../shared/domain/catalog.js';
import { useStudio, useStudioEvent } from '../api/studio-context.js';
import { importSourceFor } from './file-source.js';

export type FormatChoice = 'auto' | CatalogFormat;

export interface ImportRun {
  /** Null until startImport answers (progress events may arrive first). */
  readonly importId: string | null;
  readonly progress: ImportProgress | null;
  readonly cancelling: boolean;
}

export interface CatalogImportState {
  readonly file: File | null;
  readonly format: FormatChoice;
  /** Upload progress 0..1 while a browser sends the file; null otherwise. */
  readonly uploading: number | null;
  readonly preview: ImportPreview | null;
  readonly previewing: boolean;
  readonly error: string | null;
  readonly run: ImportRun | null;
  /** The finished import: done, failed or cancelled. */
  readonly outcome: ImportProgress | null;
}

const TERMINAL = new Set(['done', 'failed', 'cancelled']);

const initial: CatalogImportState = {
  file: null,
  format: 'auto',
  uploading: null,
  preview: null,
  previewing: false,
  error: null,
  run: null,
  outcome: null,
};

/**
 * The import dialog's flow: pick a file (uploaded once in a browser), dry-run
 * preview (again on each format or mapping change; only the latest answer
 * counts), then the real import with progress events until it ends.
 */
export function useCatalogImport() {
  const studio = useStudio();
  const [state, setState] = useState<CatalogImportState>(initial);
  const source = useRef<ImportSource | null>(null);
  const previewGeneration = useRef(0);
  const uploadAbort = useRef<AbortController | null>(null);
  /** Progress that arrived before startImport told us our import's id. */
  const early = useRef(new Map<string, ImportProgress>());
  const runId = useRef<string | null>(null);

  useEffect(() => () => uploadAbort.current?.abort(), []);

  const runPreview = useCallback(
    async (format: FormatChoice, mapping: ColumnMapping | undefined) => {
      const from = source.current;
      if (!from) return;
      const gen = ++previewGeneration.current;
      setState((s) => ({ ...s, previewing: true, error: null }));
      const result = await studio.previewImport({ source: from, format, ...(mapping ? { mapping } : {}) });
      if (gen !== previewGeneration.current) return;
      setState((s) =>
        result.ok
          ? { ...s, previewing: false, preview: result.value }
          : { ...s, previewing: false, preview: null, error: result.error.message },
      );
    },
    [studio],
  );

  const chooseFile = useCallback(
    async (file: File) => {
      uploadAbort.current?.abort();
      const abort = new AbortController();
      uploadAbort.current = abort;
      source.current = null;
      previewGeneration.current++;
      setState((s) => ({ ...initial, format: s.format, file, uploading: 0 }));
      const prepared = await importSourceFor(file, {
        signal: abort.signal,
        onProgress: (fraction) => setState((s) => (s.file === file ? { ...s, uploading: fraction } : s)),
      });
      if (abort.signal.aborted) return;
      if (!prepared.ok) {
        setState((s) => ({ ...s, uploading: null, error: prepared.error.message }));
        return;
      }
      source.current = prepared.value;
      setState((s) => ({ ...s, uploading: null }));
      await runPreview(state.format, undefined);
    },
    [runPreview, state.format],
  );

  const setFormat = useCallback(
    (format: FormatChoice) => {
      setState((s) => ({ ...s, format }));
      void runPreview(format, undefined);
    },
    [runPreview],
  );

  const setMapping = useCallback(
    (mapping: ColumnMapping) => void runPreview(state.format, mapping),
    [runPreview, state.format],
  );

  const applyProgress = useCallback((progress: ImportProgress) => {
    setState((s) => {
      if (!s.run) return s;
      if (TERMINAL.has(progress.phase)) return { ...s, run: null, outcome: progress };
      return { ...s, run: { ...s.run, progress } };
    });
  }, []);

  useStudioEvent('importProgress', (progress) => {
    if (runId.current === progress.importId) applyProgress(progress);
    else early.current.set(progress.importId, progress);
  });

  const start = useCallback(async () => {
    const from = source.current;
    if (!from || state.run) return;
    const mapping = state.preview?.mapping ?? undefined;
    early.current.clear();
    runId.current = null;
    setState((s) => ({ ...s, run: { importId: null, progress: null, cancelling: false }, outcome: null, error: null }));
    const result = await studio.startImport({ source: from, format: state.format, ...(mapping ? { mapping } : {}) });
    if (!result.ok) {
      setState((s) => ({ ...s, run: null, error: result.error.message }));
      return;
    }
    const { importId } = result.value;
    runId.current = importId;
    setState((s) => (s.run ? { ...s, run: { ...s.run, importId } } : s));
    const already = early.current.get(importId);
    early.current.clear();
    if (already) applyProgress(already);
  }, [studio, state.run, state.preview, state.format, applyProgress]);

  const cancel = useCallback(async () => {
    const importId = state.run?.importId;
    if (!importId) return;
    setState((s) => (s.run ? { ...s, run: { ...s.run, cancelling: true } } : s));
    const result = await studio.cancelImport({ importId });
    // When it stops, the final `cancelled` event closes the run. Too late to stop (already saving): it finishes.
    if (!result.ok || !result.value.cancelled) {
      const message = result.ok ? 'The import is already saving, so it will finish in a moment.' : result.error.message;
      setState((s) => ({ ...s, error: message, run: s.run ? { ...s.run, cancelling: false } : s.run }));
    }
  }, [studio, state.run]);

  /** Back to the preview of the same file, e.g. to import it again after a cancel. */
  const dismissOutcome = useCallback(() => setState((s) => ({ ...s, outcome: null })), []);

  return { state, chooseFile, setFormat, setMapping, start, cancel, dismissOutcome };
}
